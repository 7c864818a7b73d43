import {createHmac} from 'node:crypto'
import {mkdirSync} from 'node:fs'
import {dirname} from 'node:path'
import lockfile from 'proper-lockfile'
import type {ChatcfgConfig} from '../../config/generated/config.js'
import {type ConsoleStep, consoleStepsFor} from '../../model/console-steps.js'
import {buildDesired} from '../../model/desired.js'
import type {LiveState} from '../../model/live.js'
import {type Attributes, appAddress, type Change, type Resource} from '../../model/resource.js'
import type {Region} from '../../wire/rest-v4.js'
import {ServiceError} from '../errors.js'
import type {Endpoint, Provider} from '../provider.js'
import {CloudApiClient} from './cloud-client.js'
import type {Credentials} from './credentials.js'
import {readAccounts} from './kinds/account.js'
import {readApps} from './kinds/app.js'
import type {CloudContext} from './kinds/context.js'
import {declaredOf} from './kinds/declared.js'
import {readGroups} from './kinds/group.js'
import {CLOUD_KINDS} from './kinds/index.js'
import {readPolicies} from './kinds/policy.js'
import {RestClient} from './rest-client.js'
import {StateRecord} from './state-file.js'

export interface TencentCloudOptions {
  readonly config: ChatcfgConfig
  readonly region: Region
  readonly site: 'intl' | 'china'
  readonly uin: number
  readonly admin: string
  /** http:// base URL standing in for the service (chatcfg emulator serve). */
  readonly endpoint?: string
  readonly stateFile: string
  /** The record read from `stateFile` already, when the caller has it. */
  readonly record?: StateRecord
  readonly credentials: Credentials
  /** CHATCFG_FINGERPRINT_KEY, when set; otherwise a key derived from the API secret key. */
  readonly fingerprintKey?: string
  readonly retries?: number
  readonly minRetryDelayMs?: number
}

/**
 * The real Tencent Cloud Chat service: accounts, profiles, groups and members through REST v4; CAM
 * policies and app tags through API 3.0; every setting without a public API through console steps an
 * operator confirms, recorded in the state file, which is then their live state.
 */
export class TencentCloudProvider implements Provider {
  readonly name = 'tencentcloud'
  readonly rest: RestClient
  readonly cloud: CloudApiClient
  readonly record: StateRecord
  private readonly key: string
  /** What each kind's code is handed: the clients, the record, and the names desired state declares. */
  private readonly context: CloudContext

  constructor(private readonly options: TencentCloudOptions) {
    const cloud = options.credentials.cloud
    if (!cloud)
      throw new ServiceError(
        'AuthFailure.SecretIdNotFound',
        'no API key pair: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or name a credentialsFile',
      )
    this.rest = new RestClient({
      region: options.region,
      admin: options.admin,
      appSecretKey: (id) => options.credentials.appSecretKey(id),
      ...(options.endpoint ? {endpoint: options.endpoint} : {}),
      ...(options.retries !== undefined ? {retries: options.retries} : {}),
      ...(options.minRetryDelayMs !== undefined ? {minRetryDelayMs: options.minRetryDelayMs} : {}),
    })
    this.cloud = new CloudApiClient({
      site: options.site,
      credentials: cloud,
      ...(options.endpoint ? {endpoint: options.endpoint} : {}),
      ...(options.retries !== undefined ? {retries: options.retries} : {}),
      ...(options.minRetryDelayMs !== undefined ? {minRetryDelayMs: options.minRetryDelayMs} : {}),
    })
    this.record = options.record ?? StateRecord.load(options.stateFile)
    this.key = options.fingerprintKey ?? createHmac('sha256', cloud.secretKey).update('chatcfg secret fingerprints').digest('hex')
    const declared = declaredOf(buildDesired(options.config, (secret) => this.fingerprint(secret)))
    const sdkAppIdOf = (appKey: string): number | undefined =>
      declared.apps.get(appKey)?.sdkAppId ?? (this.record.get(appAddress(appKey))?.computed?.sdkAppId as number | undefined)
    this.context = {
      rest: this.rest,
      cloud: this.cloud,
      record: this.record,
      declared,
      uin: options.uin,
      site: options.site,
      admin: options.admin,
      policyIds: new Map(),
      sdkAppIdOf,
      requireSdkAppId: (appKey) => {
        const id = sdkAppIdOf(appKey)
        if (id === undefined)
          throw new ServiceError('chatcfg.AppNotCreated', `app ${appKey} has no SDKAppID yet: create it in the console first (apply walks you through it)`)
        return id
      },
      remember: (change, attributes, computed) => this.remember(change, attributes, computed),
    }
  }

  fingerprint(secret: string): string {
    return `hmac-sha256:${createHmac('sha256', this.key).update(secret).digest('hex').slice(0, 32)}`
  }

  now(): number {
    return Date.now()
  }

  /**
   * The REST and API 3.0 clients pace every endpoint within its documented rate; apply only bounds how
   * many changes are in flight, enough to keep the fastest endpoint (200/s) busy across network latency.
   */
  endpointFor(_change: Change): Endpoint {
    return {name: 'tencentcloud', concurrency: 32}
  }

  private appPage(appKey: string | undefined): string {
    if (appKey === undefined) return 'Chat console'
    const name = this.context.declared.apps.get(appKey)?.name ?? appKey
    const id = this.context.sdkAppIdOf(appKey)
    return `Chat console › ${name}${id === undefined ? '' : ` (${id})`}`
  }

  consoleSteps(change: Change): ConsoleStep[] | undefined {
    return consoleStepsFor(change, this.appPage(change.appKey))
  }

  /** Live state: the record of console steps, app tags, and each app's accounts and groups, and the named policies. */
  async read(): Promise<LiveState> {
    const recorded = this.record.liveResources()
    const appKeys = [...new Set([...this.context.declared.apps.keys(), ...recorded.filter((r) => r.kind === 'app').map((r) => r.name)])]
    // An app on its way out (ensure: absent) is not read through REST: after its deletion there is nothing to read.
    const apps = appKeys.flatMap((appKey) => {
      const sdkAppId = this.context.sdkAppIdOf(appKey)
      return sdkAppId === undefined || this.context.declared.apps.get(appKey)?.absent ? [] : [{appKey, sdkAppId}]
    })
    const [appResources, perApp, policies] = await Promise.all([
      readApps(this.context, appKeys, recorded),
      Promise.all(apps.map((app) => this.readApp(app.appKey, app.sdkAppId))),
      readPolicies(this.context),
    ])
    const resources: Resource[] = [
      ...recorded.filter((r) => r.kind !== 'app'),
      ...appResources,
      ...perApp.flat().map((r) => this.withProtection(r)),
      ...policies,
    ]
    return {resources, rootUin: this.options.uin}
  }

  /** Accounts and groups carry the protection the record holds for them (the service has nowhere to keep it). */
  private withProtection(resource: Resource): Resource {
    if (!this.record.isProtected(resource.address)) return resource
    return {...resource, attributes: {...resource.attributes, protected: true}, recorded: [...(resource.recorded ?? []), 'protected']}
  }

  /** After a change to an account or group went through, its protection as the change left it. */
  private recordProtection(change: Change): void {
    if (change.kind === 'account' || change.kind === 'group')
      this.record.protect(change.address, change.action !== 'delete' && change.after?.protected === true)
  }

  /** An app's accounts and groups; an app the service no longer knows (70020) has none. */
  private async readApp(appKey: string, sdkAppId: number): Promise<Resource[]> {
    try {
      return [...(await readAccounts(this.context, appKey, sdkAppId)), ...(await readGroups(this.context, appKey, sdkAppId))]
    } catch (error) {
      if (error instanceof ServiceError && (error.code === 70020 || error.code === 60006)) return []
      throw error
    }
  }

  async apply(change: Change): Promise<void> {
    await CLOUD_KINDS[change.kind].apply(this.context, change)
    this.recordProtection(change)
  }

  /**
   * Keeps what the operator confirmed, as the plan showed it: secrets as fingerprints, never in clear.
   * A change without the plan's view (`shown`) is refused rather than recorded in clear.
   */
  private remember(change: Change, attributes?: Attributes, computed?: Attributes): void {
    if (change.action === 'delete') {
      this.record.delete(change.address)
      return
    }
    const shown = attributes ?? change.shown
    if (!shown) throw new ServiceError('chatcfg.NotRecordable', `${change.address} comes without the plan's view of its values; apply it from a plan`)
    this.record.set(change.address, {
      kind: change.kind,
      ...(change.appKey !== undefined ? {appKey: change.appKey} : {}),
      name: change.name,
      attributes: shown,
      ...(computed ? {computed} : {}),
      confirmedAt: new Date(this.now()).toISOString(),
    })
  }

  batchOf(change: Change): {key: string; size: number} | undefined {
    return CLOUD_KINDS[change.kind].batchOf?.(change)
  }

  async applyBatch(changes: readonly Change[]): Promise<ReadonlyArray<ServiceError | undefined>> {
    const first = changes[0]
    const applyBatch = first && CLOUD_KINDS[first.kind].applyBatch
    if (!applyBatch) throw new ServiceError('chatcfg.NotBatched', `${first?.kind ?? 'nothing'} changes are not applied in batches`)
    const results = await applyBatch(this.context, changes)
    changes.forEach((change, index) => {
      if (!results[index]) this.recordProtection(change)
    })
    return results
  }

  async lock(purpose: string): Promise<() => void> {
    mkdirSync(dirname(this.options.stateFile), {recursive: true})
    try {
      const release = await lockfile.lock(this.options.stateFile, {realpath: false, stale: 60_000, retries: {retries: 30, minTimeout: 200, maxTimeout: 1000}})
      return () => {
        release().catch(() => {})
      }
    } catch {
      throw new ServiceError('chatcfg.Locked', `another chatcfg (${purpose}) holds the lock on ${this.options.stateFile}; wait for it to finish`)
    }
  }

  close(): void {
    this.cloud.close()
    this.rest.close()
  }
}
