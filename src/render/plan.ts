import type {Plan} from '../plan/plan.js'
import {annotationLines, type RepositoryPaths} from './github.js'
import {renderPlanJson} from './plan-json.js'
import {type MarkdownOptions, renderPlanMarkdown} from './plan-markdown.js'
import {type PlanTextOptions, renderPlanText} from './plan-text.js'

export type PlanFormat = 'text' | 'markdown' | 'json' | 'github'

export interface PlanRenderOptions extends PlanTextOptions {
  /** Markdown: where the whole plan is when the comment is cut, and its size budget. */
  readonly markdown?: MarkdownOptions
  /** GitHub: the repository root and working folder, so annotations name files from the root. */
  readonly repository?: RepositoryPaths
}

/** A plan in the chosen format; every format shows the same facts. */
export function renderPlan(plan: Plan, format: PlanFormat, options: PlanRenderOptions): string {
  switch (format) {
    case 'text':
      return renderPlanText(plan, options)
    case 'markdown':
      return renderPlanMarkdown(plan, options.markdown)
    case 'json':
      return renderPlanJson(plan)
    case 'github':
      return renderPlanGithub(plan, options.repository)
    default: {
      const unreachable: never = format
      throw new Error(`unknown plan format ${String(unreachable)}`)
    }
  }
}

/**
 * For a GitHub Actions log: the plan's located problems as annotations on the pull request (within
 * GitHub's per-step limits), then the plan as text, for the log.
 */
export function renderPlanGithub(plan: Plan, repository?: RepositoryPaths): string {
  const annotations = annotationLines(plan.diagnostics, repository)
  const text = renderPlanText(plan, {color: false})
  return `${annotations.length > 0 ? `${annotations.join('\n')}\n\n` : ''}${text}`
}
