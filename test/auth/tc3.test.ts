import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {canonicalRequest, parseTc3Authorization, tc3Date, tc3Signature} from '../../src/auth/tc3.js'

const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE'
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('TC3-HMAC-SHA256', () => {
  it('reproduces the official worked example (GET, form content type)', () => {
    const request = {
      method: 'GET',
      query: 'Limit=10&Offset=0',
      headers: {'content-type': 'application/x-www-form-urlencoded', host: 'cvm.tencentcloudapi.com'},
      signedHeaders: ['content-type', 'host'],
      payload: '',
      service: 'cvm',
      timestamp: 1539084154,
    }
    expect(tc3Date(request.timestamp)).toBe('2018-10-09')
    expect(sha256(canonicalRequest(request))).toBe('91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7')
    expect(tc3Signature(SECRET_KEY, request)).toBe('5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474')
  })

  it('reproduces the POST/JSON vector for CAM', () => {
    const request = {
      method: 'POST',
      query: '',
      headers: {'content-type': 'application/json; charset=utf-8', host: 'cam.tencentcloudapi.com'},
      signedHeaders: ['content-type', 'host'],
      payload: '{"PolicyId":17698703}',
      service: 'cam',
      timestamp: 1700000000,
    }
    expect(sha256(canonicalRequest(request))).toBe('f5e68b57930ee6238bfa4e06c334367f4aceda57e9d685b24be82977f4ee2d70')
    expect(tc3Signature(SECRET_KEY, request)).toBe('39496866101cc778c6fe5713014d17ea78ee58c4fa1d5b28482478e876b20331')
  })

  it('reads the Authorization header and refuses one of another shape', () => {
    const header =
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2018-10-09/cvm/tc3_request, SignedHeaders=content-type;host, Signature=5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474'
    expect(parseTc3Authorization(header)).toEqual({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      date: '2018-10-09',
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      signature: '5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474',
    })
    expect(parseTc3Authorization('HMAC abc')).toBeUndefined()
  })
})
