import {describe, expect, it} from 'vitest'
import {webhookUrlProblem} from '../../src/rules/webhook-url.js'

describe('webhook URL rules', () => {
  it.each([
    'https://hooks.example.com/im',
    'http://123.123.123.123/imcallback',
    'https://hooks.example.com:8443/im?x=1',
    'https://a-b.example.com',
    `https://${'a'.repeat(51)}.example.com/`,
  ])('accepts %s', (url) => {
    expect(webhookUrlProblem(url)).toBeUndefined()
  })

  it.each([
    ['hooks.example.com/im', 'must start with http:// or https://'],
    ['wss://hooks.example.com/im', 'scheme "wss" is not allowed; use http:// or https://'],
    ['https:///im', 'the URL has no host'],
    ['https://hooks.example.com:99999/im', 'the port must be a number from 1 to 65535'],
    ['https://300.1.1.1/im', 'the IP address is not valid'],
    ['https://-hooks.example.com', 'a hyphen may not begin or end a domain label'],
    ['https://hooks-.example.com', 'a hyphen may not begin or end a domain label'],
    ['https://a--b.example.com', 'hyphens may not appear twice in a row in the domain'],
    ['https://hooks..example.com', 'the domain has an empty label (two dots in a row, or a leading or trailing dot)'],
    ['https://hooks!.example.com', 'the domain may contain only letters, digits, hyphens and dots, not "!"'],
    ['https://hooks&.example.com', 'the domain may contain only letters, digits, hyphens and dots, not "&"'],
    ['https://hooks.example.com/a b', 'spaces are not allowed in a webhook URL'],
    [`https://${'a'.repeat(52)}.example.com/`, 'the domain is 64 characters; at most 63 are allowed'],
  ])('refuses %s: %s', (url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem)
  })
})
