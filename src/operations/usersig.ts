import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {generateUserSig, type UserSigFields, verifyUserSig} from '../auth/usersig.js'

export const DEFAULT_KEY_ENV = 'CHATCFG_APP_SECRET_KEY'

/** Where an app's secret key comes from: a file (its first line) or an environment variable, never a command line. */
export interface AppKeySource {
  readonly keyEnv: string
  readonly keyFile?: string
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
}

/** The app secret key named by the source, or a one-line reason it is not there. */
export function readAppSecretKey(source: AppKeySource): string {
  if (source.keyFile) {
    let text: string
    try {
      text = readFileSync(resolve(source.cwd, source.keyFile), 'utf8')
    } catch (error) {
      throw new Error(`cannot read the key file ${source.keyFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
    }
    const key = text.split(/\r?\n/)[0]?.trim() ?? ''
    if (key === '') throw new Error(`the key file ${source.keyFile} is empty`)
    return key
  }
  const key = source.env[source.keyEnv]?.trim()
  if (!key) throw new Error(`set ${source.keyEnv} to the app's secret key (Console → Applications → the app → Basic Information), or pass --key-file`)
  return key
}

export interface UserSigRequest extends AppKeySource {
  readonly sdkAppId: number
  readonly userId: string
  /** Validity in seconds. */
  readonly expire: number
  /** Seconds since the epoch (now, unless given). */
  readonly now?: number
}

export interface IssuedUserSig {
  readonly userSig: string
  readonly sdkAppId: number
  readonly userId: string
  readonly expiresAt: string
}

/** `chatcfg usersig generate`: a UserSig made offline, as the console's tool makes it. */
export function issueUserSig(request: UserSigRequest): IssuedUserSig {
  const time = request.now ?? Math.floor(Date.now() / 1000)
  const fields = {sdkAppId: request.sdkAppId, identifier: request.userId, time, expire: request.expire}
  const userSig = generateUserSig(readAppSecretKey(request), fields)
  return {userSig, sdkAppId: fields.sdkAppId, userId: fields.identifier, expiresAt: new Date((time + request.expire) * 1000).toISOString()}
}

export interface UserSigCheck extends AppKeySource {
  readonly userSig: string
  readonly sdkAppId: number
  readonly userId: string
  readonly now?: number
}

export type UserSigVerdict =
  | {readonly valid: true; readonly fields: UserSigFields; readonly issuedAt: string; readonly expiresAt: string}
  | {readonly valid: false; readonly code: number; readonly message: string}

/** `chatcfg usersig verify`: checks a UserSig offline, in the service's order, naming the error code the service would return. */
export function checkUserSig(request: UserSigCheck): UserSigVerdict {
  const secretKey = readAppSecretKey(request)
  const now = request.now ?? Math.floor(Date.now() / 1000)
  const result = verifyUserSig(request.userSig.trim(), {secretKey, sdkAppId: request.sdkAppId, identifier: request.userId, now})
  if (!result.ok) return {valid: false, code: result.rejection.code, message: result.rejection.message}
  const {fields} = result
  return {valid: true, fields, issuedAt: new Date(fields.time * 1000).toISOString(), expiresAt: new Date((fields.time + fields.expire) * 1000).toISOString()}
}
