import {Agent} from 'node:http'
import {connect} from 'node:net'
import {CLOUD_API_VERSIONS, type CloudService, camRate, cloudApiHost} from '../../wire/cloud-api.js'
import {ServiceError} from '../errors.js'
import {withRetries} from '../retries.js'
import {EndpointPacers} from './pacing.js'

export interface CloudApiTarget {
  readonly site: 'intl' | 'china'
  /**
   * An http:// base URL every API call goes to instead of the service's host (chatcfg emulator serve).
   * Requests still name and sign the real host, so they are the ones the service would get.
   */
  readonly endpoint?: string
  readonly credentials: {readonly secretId: string; readonly secretKey: string}
  /** Seconds before a call is given up. */
  readonly timeoutSeconds?: number
  readonly retries?: number
  readonly minRetryDelayMs?: number
}

/** An agent that opens every connection to one address, whatever host the request names. */
function redirectingAgent(endpoint: URL): Agent {
  const agent = new Agent({keepAlive: true})
  const port = Number(endpoint.port || 80)
  const host = endpoint.hostname.replace(/^\[|\]$/g, '')
  ;(agent as unknown as {createConnection: () => unknown}).createConnection = () => connect({host, port})
  return agent
}

type Client = {request(action: string, params: Record<string, unknown>): Promise<Record<string, unknown>>}

/** API 3.0 failures that may pass when the same call is made again. */
const RETRYABLE = new Set(['RequestLimitExceeded', 'InternalError', 'ServiceUnavailable', 'ResourceUnavailable'])

/**
 * Calls API 3.0 actions through the official SDK's CommonClient, which signs them (TC3-HMAC-SHA256).
 * The SDK is loaded on first use, so commands that never call the cloud do not pay for it.
 */
export class CloudApiClient {
  private readonly clients = new Map<CloudService, Promise<Client>>()
  private readonly agent: Agent | undefined
  /** Each action within its documented rate. */
  private readonly pacers = new EndpointPacers(camRate)

  constructor(private readonly target: CloudApiTarget) {
    this.agent = target.endpoint ? redirectingAgent(new URL(target.endpoint)) : undefined
  }

  private client(service: CloudService): Promise<Client> {
    let client = this.clients.get(service)
    if (!client) {
      client = import('tencentcloud-sdk-nodejs-common').then(
        ({CommonClient}) =>
          new CommonClient(cloudApiHost(service, this.target.site), CLOUD_API_VERSIONS[service], {
            credential: {secretId: this.target.credentials.secretId, secretKey: this.target.credentials.secretKey},
            profile: {
              httpProfile: {
                reqTimeout: this.target.timeoutSeconds ?? 30,
                ...(this.agent ? {protocol: 'http://', agent: this.agent} : {}),
              },
            },
          }) as unknown as Client,
      )
      this.clients.set(service, client)
    }
    return client
  }

  /**
   * One action, paced within its rate and repeated with backoff when the service throttles it or has a
   * transient fault; a call with no answer is repeated only when `reads`. The service's refusal becomes a
   * ServiceError with its code (for example AuthFailure.SignatureFailure).
   */
  async call(service: CloudService, action: string, params: Record<string, unknown>, reads = false): Promise<Record<string, unknown>> {
    const client = await this.client(service)
    const once = async () => {
      try {
        return await this.pacers.for(`${service}:${action}`)(() => client.request(action, params))
      } catch (error) {
        const sdk = error as {code?: string; message?: string}
        throw sdk.code
          ? new ServiceError(sdk.code, `${service}:${action}: ${sdk.message ?? sdk.code}`, RETRYABLE.has(sdk.code.split('.')[0] ?? ''))
          : // No answer at all: the call may or may not have been carried out.
            new ServiceError(
              'NetworkError',
              `${service}:${action}: ${sdk.message ?? 'no answer'}${this.target.endpoint ? ` (sent to ${this.target.endpoint})` : ''}`,
              true,
              true,
            )
      }
    }
    return withRetries(once, this.target, reads)
  }

  close(): void {
    this.pacers.clear()
    this.agent?.destroy()
  }
}
