import type {CamPolicyDocument, PolicyStatement} from '../config/generated/config.js'

/** How a statement's app keys become CAM resources; the SDKAppID is unknown until an app exists. */
export interface PolicyTarget {
  readonly ownerUin: number | string
  readonly sdkAppIdOf: (appKey: string) => number | string
}

function camAction(action: string): string {
  return `name/im:${action.replace(/^im:/, '')}`
}

/** Compiles chatcfg's short statements into a CAM policy document (policy syntax 2.0). */
export function compileStatements(statements: readonly PolicyStatement[], target: PolicyTarget): CamPolicyDocument {
  return {
    version: '2.0',
    statement: statements.map((statement) => ({
      effect: statement.effect ?? 'allow',
      action: statement.actions.map(camAction),
      resource: statement.apps.map((appKey) => `qcs::im::uin/${target.ownerUin}:sdkappid/${appKey === '*' ? '*' : target.sdkAppIdOf(appKey)}`),
      ...(statement.condition ? {condition: statement.condition} : {}),
    })),
  }
}
