import {readFileSync} from 'node:fs'

/**
 * Credentials come from the environment or a credentials file, never from the configuration:
 * - the API key pair for API 3.0: TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, or `secretId` / `secretKey` in the file;
 * - each app's secret key for UserSigs: CHATCFG_APP_SECRET_KEY_<SDKAppID>, `appSecretKeys.<SDKAppID>` in the file,
 *   or CHATCFG_APP_SECRET_KEY for every app.
 */
export interface Credentials {
  readonly cloud?: {readonly secretId: string; readonly secretKey: string}
  appSecretKey(sdkAppId: number): string | undefined
}

export class CredentialsError extends Error {}

interface CredentialsFile {
  secretId?: unknown
  secretKey?: unknown
  appSecretKeys?: unknown
}

function readCredentialsFile(path: string): CredentialsFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new CredentialsError(`cannot read the credentials file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
  }
  try {
    const parsed = JSON.parse(text) as unknown
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
    return parsed as CredentialsFile
  } catch {
    // The file's content is secret: say where it is wrong, never what it holds.
    throw new CredentialsError(`the credentials file ${path} is not a JSON object with secretId, secretKey and appSecretKeys`)
  }
}

export function loadCredentials(env: NodeJS.ProcessEnv, file?: string): Credentials {
  const stored = file ? readCredentialsFile(file) : {}
  const secretId = env.TENCENTCLOUD_SECRET_ID?.trim() || (typeof stored.secretId === 'string' ? stored.secretId : undefined)
  const secretKey = env.TENCENTCLOUD_SECRET_KEY?.trim() || (typeof stored.secretKey === 'string' ? stored.secretKey : undefined)
  const appKeys = stored.appSecretKeys && typeof stored.appSecretKeys === 'object' ? (stored.appSecretKeys as Record<string, unknown>) : {}
  return {
    ...(secretId && secretKey ? {cloud: {secretId, secretKey}} : {}),
    appSecretKey(sdkAppId) {
      const fromFile = appKeys[String(sdkAppId)]
      return (
        env[`CHATCFG_APP_SECRET_KEY_${sdkAppId}`]?.trim() ||
        (typeof fromFile === 'string' ? fromFile : undefined) ||
        env.CHATCFG_APP_SECRET_KEY?.trim() ||
        undefined
      )
    },
  }
}
