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

/** The six-segment name of an IM app for CAM and Tag: project and region empty. */
export function imAppResource(uin: number, sdkAppId: number): string {
  return `qcs::im::uin/${uin}:sdkappid/${sdkAppId}`
}

export function parseImAppResource(resource: string): {uin: number; sdkAppId: number} | undefined {
  const match = /^qcs::im::uin\/(\d+):sdkappid\/(\d+)$/.exec(resource)
  return match ? {uin: Number(match[1]), sdkAppId: Number(match[2])} : undefined
}
