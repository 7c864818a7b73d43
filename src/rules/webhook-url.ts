import type {LiveRule, Rule} from './rule.js'

const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/:?#]*)(?::([^/?#]*))?([/?#].*)?$/s
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/
/** The console's limit on the domain part of a webhook URL. */
export const MAX_WEBHOOK_DOMAIN_LENGTH = 63

/** Why the console would refuse this webhook URL, or undefined when it is acceptable. */
export function webhookUrlProblem(url: string): string | undefined {
  if (/\s/.test(url)) return 'spaces are not allowed in a webhook URL'
  const match = URL_SHAPE.exec(url)
  if (!match) return 'must start with http:// or https://'
  const [, scheme, host, port] = match
  if (scheme !== 'http' && scheme !== 'https') return `scheme "${scheme}" is not allowed; use http:// or https://`
  if (host === '') return 'the URL has no host'
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) return 'the port must be a number from 1 to 65535'
  const ip = IPV4.exec(host)
  if (ip) return ip.slice(1).some((part) => Number(part) > 255) ? 'the IP address is not valid' : undefined
  if (host.length > MAX_WEBHOOK_DOMAIN_LENGTH) return `the domain is ${host.length} characters; at most ${MAX_WEBHOOK_DOMAIN_LENGTH} are allowed`
  const bad = /[^A-Za-z0-9.-]/.exec(host)
  if (bad) return `the domain may contain only letters, digits, hyphens and dots, not "${bad[0]}"`
  for (const label of host.split('.')) {
    if (label === '') return 'the domain has an empty label (two dots in a row, or a leading or trailing dot)'
    if (/^-|-$/.test(label)) return 'a hyphen may not begin or end a domain label'
    if (label.includes('--')) return 'hyphens may not appear twice in a row in the domain'
  }
  return undefined
}

/** Webhook URLs (values the schema marks `x-chatcfg-webhook-url`) must pass the console's URL rules. */
export const webhookUrl: Rule = function* (context) {
  for (const visit of context.visitsWith('x-chatcfg-webhook-url')) {
    const {value, schema} = visit
    if (!schema['x-chatcfg-webhook-url'] || typeof value !== 'string') continue
    const problem = webhookUrlProblem(value)
    if (!problem) continue
    const path = visit.path
    yield {
      code: 'config/webhook-url',
      message: `invalid webhook URL: ${context.isSecret(path) ? problem.replace(/ "[^"]*"/g, '') : problem}`,
      path,
      at: 'value',
    }
  }
}

/** The port a webhook URL uses: the explicit one, or 443 for https and 80 for http. */
export function webhookPort(url: string): number | undefined {
  const match = URL_SHAPE.exec(url)
  if (!match) return undefined
  return match[3] ? Number(match[3]) : match[1] === 'https' ? 443 : 80
}

/** The console refuses to move a webhook between ports where one is a prefix of the other (443 and 4433). */
export function webhookPortChangeProblem(before: string, after: string): string | undefined {
  const from = webhookPort(before)
  const to = webhookPort(after)
  if (from === undefined || to === undefined || from === to) return undefined
  const [a, b] = [String(from), String(to)]
  return a.startsWith(b) || b.startsWith(a)
    ? `the port changes from ${from} to ${to}, and one is a prefix of the other; move through another port first`
    : undefined
}

/** The console refuses to move a webhook between ports where one is a prefix of the other (443 and 4433). */
export const webhookPortChange: LiveRule = function* (context) {
  for (const change of context.changes) {
    if (change.kind !== 'webhook' || change.action !== 'update' || !change.changedPaths.includes('url')) continue
    const before = change.before?.url
    const after = change.after?.url
    if (typeof before !== 'string' || typeof after !== 'string') continue
    const problem = webhookPortChangeProblem(before, after)
    if (problem) yield {code: 'plan/webhook-port', message: `${change.address}: ${problem}`, address: change.address, attribute: 'url', blocks: change.address}
  }
}
