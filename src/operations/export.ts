import {stringify} from 'yaml'
import {exportConfig} from '../export/export-config.js'
import {Emulator} from '../providers/emulator/emulator.js'
import {type EmulatorRequest, type EmulatorTarget, emulatorTarget} from './emulator.js'
import {writeOutput} from './output.js'

export interface ExportRequest extends EmulatorRequest {
  /** File to write; without it the text is only returned. */
  readonly out?: string
}

export type ExportOutcome = Extract<EmulatorTarget, {ok: false}> | {readonly ok: true; readonly text: string; readonly writtenTo?: string}

/**
 * `chatcfg export`: live state as a chatcfg configuration, so existing apps can be adopted. Secrets cannot be
 * read back: each becomes ${env:NAME}, listed in the header for the user to provide.
 */
export async function exportLiveState(request: ExportRequest): Promise<ExportOutcome> {
  const target = emulatorTarget(request)
  if (!target.ok) return target
  const emulator = Emulator.open({...target.options, create: false})
  try {
    const {config, secrets} = exportConfig(await emulator.read())
    const header = [
      '# Exported by chatcfg from live state.',
      ...(secrets.length > 0
        ? [
            '# Secrets cannot be read back; set these environment variables to their values:',
            ...secrets.map((s) => `#   ${s.env}  (${s.address} ${s.attribute})`),
          ]
        : []),
    ]
    const text = `${header.join('\n')}\n${stringify(config, {lineWidth: 0})}`
    return {ok: true, text, ...(request.out ? {writtenTo: writeOutput(request.cwd, request.out, text)} : {})}
  } finally {
    emulator.close()
  }
}
