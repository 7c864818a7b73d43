import type {Change, Resource} from '../../../model/resource.js'
import type {Site} from '../../../wire/rest-v4.js'
import type {ServiceError} from '../../errors.js'
import type {CloudApiClient} from '../cloud-client.js'
import type {RestClient} from '../rest-client.js'
import type {StateRecord} from '../state-file.js'
import type {Declared} from './declared.js'

/** What a kind's code may use while it reads or writes the real service. */
export interface CloudContext {
  readonly rest: RestClient
  readonly cloud: CloudApiClient
  /** The record of confirmed console steps: live state for settings no public API reads. */
  readonly record: StateRecord
  /** What the configuration declares, as far as reading needs it (REST cannot list accounts or policies by name). */
  readonly declared: Declared
  /** The account's root UIN. */
  readonly uin: number
  /** The site the account is on: where the sites' documents differ, its own decides the limits. */
  readonly site: Site
  /** The admin UserID REST calls are made as. */
  readonly admin: string
  /** Policy IDs by name, learned while reading. */
  readonly policyIds: Map<string, number>
  sdkAppIdOf(appKey: string): number | undefined
  /** The app's SDKAppID, or a refusal saying it must be created first. */
  requireSdkAppId(appKey: string): number
  /** Keeps a confirmed console change in the record (see TencentCloudProvider). */
  remember(change: Change, attributes?: Resource['attributes'], computed?: Resource['attributes']): void
}

/** How one kind reaches the real service. */
export interface CloudKind {
  /** Applies one change, all or nothing; throws ServiceError when the service refuses it. */
  apply(context: CloudContext, change: Change): Promise<void>
  /** Changes the service takes several at a time: the batch a change joins and its documented maximum size. */
  batchOf?(change: Change): {readonly key: string; readonly size: number} | undefined
  /** Applies a batch formed by batchOf in one call; one result per change, in order. */
  applyBatch?(context: CloudContext, changes: readonly Change[]): Promise<ReadonlyArray<ServiceError | undefined>>
}

export const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({length: Math.ceil(items.length / size)}, (_, i) => items.slice(i * size, (i + 1) * size))
