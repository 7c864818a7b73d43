import {canonicalJson} from '../model/canonical.js'

/** API 3.0 facts shared by the tencentcloud provider and the served emulator: versions, hosts, rates, resource names. */

export const CLOUD_API_VERSIONS = {cam: '2019-01-16', tag: '2018-08-13'} as const
export type CloudService = keyof typeof CLOUD_API_VERSIONS

/** API host per service and site: the international site has its own hosts; the credential scope keeps the short name. */
export function cloudApiHost(service: CloudService, site: 'intl' | 'china'): string {
  return site === 'intl' ? `${service}.intl.tencentcloudapi.com` : `${service}.tencentcloudapi.com`
}

/** Documented calls per second for CAM's policy actions; the rest are taken at the lowest documented figure. */
const RATES: Readonly<Record<string, number>> = {
  'cam:CreatePolicy': 10,
  'cam:UpdatePolicy': 10,
  'cam:DeletePolicy': 10,
  'cam:GetPolicy': 20,
}
export const DEFAULT_CLOUD_API_RATE = 10
export function camRate(endpoint: string): number {
  return RATES[endpoint] ?? DEFAULT_CLOUD_API_RATE
}

/** API 3.0 actions each served service answers: an action names its service when the host does not. */
export const CLOUD_API_ACTIONS: Readonly<Record<CloudService, readonly string[]>> = {
  cam: [
    'CreatePolicy',
    'UpdatePolicy',
    'DeletePolicy',
    'GetPolicy',
    'ListPolicies',
    'AttachUserPolicy',
    'DetachUserPolicy',
    'AttachGroupPolicy',
    'DetachGroupPolicy',
    'ListEntitiesForPolicy',
  ],
  tag: ['DescribeResourceTagsByResourceIds', 'ModifyResourceTags'],
}

/** DescribeResourceTagsByResourceIds takes at most this many resource IDs per call. */
export const MAX_RESOURCE_IDS = 50
/** ModifyResourceTags takes at most this many tags in ReplaceTags, and as many in DeleteTags. */
export const MAX_TAGS_PER_CHANGE = 10

/**
 * How CAM and Tag name an IM app: the only place chatcfg spells it. CAM documents the six segments
 * `qcs::im::uin/<uin>:sdkappid/<SDKAppID>` (project and region empty) for IM policies; the Tag API's
 * reference names no IM entry, so chatcfg takes the same service type (`im`) and resource prefix
 * (`sdkappid`) for it. Should Tag name IM apps otherwise, these three change and nothing else does.
 */
export const IM_APP_TAG_RESOURCE = {serviceType: 'im', resourcePrefix: 'sdkappid', region: ''} as const

export function imAppResource(uin: number, sdkAppId: number): string {
  return `qcs::${IM_APP_TAG_RESOURCE.serviceType}:${IM_APP_TAG_RESOURCE.region}:uin/${uin}:${IM_APP_TAG_RESOURCE.resourcePrefix}/${sdkAppId}`
}

export function parseImAppResource(resource: string): {uin: number; sdkAppId: number} | undefined {
  const {serviceType, region, resourcePrefix} = IM_APP_TAG_RESOURCE
  const match = new RegExp(`^qcs::${serviceType}:${region}:uin/(\\d+):${resourcePrefix}/(\\d+)$`).exec(resource)
  return match ? {uin: Number(match[1]), sdkAppId: Number(match[2])} : undefined
}

/** A policy document's meaning: its parsed JSON with sorted keys, or undefined when it is not JSON. */
function policyMeaning(document: string): string | undefined {
  try {
    return canonicalJson(JSON.parse(document))
  } catch {
    return undefined
  }
}

/**
 * Whether two policy documents say the same: CAM hands a document back written again (slashes escaped,
 * its own spacing), so documents compare as parsed JSON with sorted keys, never as text.
 */
export function samePolicyDocument(a: string, b: string): boolean {
  const meaning = policyMeaning(a)
  return meaning === undefined ? a === b : meaning === policyMeaning(b)
}
