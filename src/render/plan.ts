import type {Plan} from '../plan/plan.js'
import {renderPlanJson} from './plan-json.js'
import {renderPlanMarkdown} from './plan-markdown.js'
import {type PlanTextOptions, renderPlanText} from './plan-text.js'

export type PlanFormat = 'text' | 'markdown' | 'json'

/** A plan in the chosen format; every format shows the same facts. */
export function renderPlan(plan: Plan, format: PlanFormat, options: PlanTextOptions): string {
  switch (format) {
    case 'text':
      return renderPlanText(plan, options)
    case 'markdown':
      return renderPlanMarkdown(plan)
    case 'json':
      return renderPlanJson(plan)
    default: {
      const unreachable: never = format
      throw new Error(`unknown plan format ${String(unreachable)}`)
    }
  }
}
