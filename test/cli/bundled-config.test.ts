import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {Config} from '@oclif/core/config'
import {describe, expect, it} from 'vitest'
import {bundledConfigOptions} from '../../src/cli/bundled-config.js'
import {chatcfg, workspace} from '../helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')

/** What a command, its parser, its help and oclif's hooks read of a configuration. */
async function seen(config: Config) {
  const [plugin] = config.getPluginsList()
  const command = config.findCommand('validate')
  return {
    bin: config.bin,
    version: config.version,
    userAgent: config.userAgent,
    topicSeparator: config.topicSeparator,
    root: config.root,
    pjson: config.pjson,
    theme: config.theme,
    commandIDs: config.commandIDs,
    commands: config.commands.map(({load, ...rest}) => rest),
    topics: config.topics,
    plugins: config.getPluginsList().map((p) => p.name),
    plugin: {
      name: plugin.name,
      alias: plugin.alias,
      version: plugin.version,
      type: plugin.type,
      isRoot: plugin.isRoot,
      valid: plugin.valid,
      moduleType: plugin.moduleType,
      hasManifest: plugin.hasManifest,
      hooks: plugin.hooks,
      commandIDs: plugin.commandIDs,
      topics: plugin.topics,
      _base: plugin._base,
    },
    loaded: (await command?.load())?.summary,
    notFound: await config.runHook('command_not_found', {id: 'pla', argv: []}).then((result) => result.failures.map((failure) => failure.error.message)),
  }
}

describe('the configuration a bundled command runs with', () => {
  it("is oclif's own configuration of the package in everything a command, its help and hooks read", async () => {
    const prepared = await bundledConfigOptions(ROOT)
    expect(prepared.plugins?.size).toBe(1)
    expect(await seen(await Config.load(prepared))).toEqual(await seen(await Config.load({root: ROOT})))
  })

  it("leaves the configuration to oclif's own load when the manifest is missing or of another version", async () => {
    const root = workspace({})
    writeFileSync(join(root, 'package.json'), readFileSync(join(ROOT, 'package.json')))
    expect(await bundledConfigOptions(root)).not.toHaveProperty('plugins')
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8'))
    writeFileSync(join(root, 'oclif.manifest.json'), JSON.stringify({...manifest, version: '0.0.1'}))
    expect(await bundledConfigOptions(root)).not.toHaveProperty('plugins')
    cpSync(join(ROOT, 'oclif.manifest.json'), join(root, 'oclif.manifest.json'))
    expect((await bundledConfigOptions(root)).plugins?.size).toBe(1)
  })

  it("prints oclif's debug lines when DEBUG names them, and nothing more when it does not", () => {
    const cwd = workspace({'chatcfg.yaml': 'version: 1\napps:\n  demo:\n    name: Demo\n'})
    const quiet = chatcfg(['validate'], cwd)
    expect(quiet).toEqual({code: 0, stdout: 'valid: 1 file, 1 app, 0 policies\n', stderr: ''})
    const debugged = chatcfg(['validate'], cwd, {DEBUG: 'oclif:*'})
    expect(debugged.stdout).toBe(quiet.stdout)
    expect(debugged.stderr).toMatch(/oclif:config config done/)
    expect(debugged.stderr).toMatch(/oclif:chatcfg:validate init version/)
  })
})
