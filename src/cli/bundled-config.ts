import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Command} from '@oclif/core/command'
import {Plugin} from '@oclif/core/config'
import type {Logger, Manifest, PJSON, PluginOptions, Plugin as PluginShape, Topic} from '@oclif/core/interfaces'

// A bundled command (dist/bundle/<id>.cjs) gets oclif's Config through oclif's own `plugins` option: the root
// plugin below is what oclif's Plugin.load makes of package.json and oclif.manifest.json, but without its sort
// of the command list by localeCompare, whose first call initialises ICU's collator (about 13 ms of CPU, a
// fifth of a cold start). The manifest lists its commands in name order already (scripts/sort-manifest.mjs).

// Read at once: two small files, for which a promise-based read costs more than the read itself.
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T

type Topics = NonNullable<PJSON['oclif']['topics']>

/** Every topic and subtopic, named in full (`a:b`), as oclif lists them (naming each in package.json too, as oclif does). */
const topicList = (topics: Topics, base: string): Topic[] =>
  Object.entries(topics).flatMap(([name, topic]) => {
    Object.assign(topic, {name})
    return [{...topic, name: `${base}${name}`}, ...topicList(topic.subtopics ?? {}, `${base}${name}:`)]
  })

/** oclif's root plugin as Plugin.load makes it from this package.json and manifest, loaded by oclif itself only when a command class is asked for. */
export class ManifestPlugin implements PluginShape {
  readonly _base: string
  readonly alias: string
  readonly commandIDs: string[]
  readonly commands: Command.Loadable[]
  readonly commandsDir = undefined
  readonly hasManifest = true
  readonly hooks: PluginShape['hooks']
  readonly isRoot = true
  readonly moduleType: 'commonjs' | 'module'
  readonly name: string
  readonly options: PluginOptions
  readonly tag = undefined
  readonly type = 'core'
  readonly valid: boolean
  readonly version: string
  private loaded: Promise<Plugin> | undefined

  constructor(
    readonly root: string,
    readonly pjson: PJSON,
    readonly manifest: Manifest,
  ) {
    this.options = {root, pjson, isRoot: true}
    this._base = new Plugin(this.options)._base
    this.name = pjson.name
    this.alias = pjson.name
    this.version = pjson.version
    this.valid = pjson.oclif !== undefined
    this.moduleType = pjson.type === 'module' ? 'module' : 'commonjs'
    this.hooks = Object.fromEntries(
      Object.entries(pjson.oclif.hooks ?? {}).map(([event, hooks]) => [
        event,
        (Array.isArray(hooks) ? hooks : [hooks]).map((hook) =>
          typeof hook === 'string' ? {identifier: 'default', target: hook} : {...hook, identifier: hook.identifier ?? 'default'},
        ),
      ]),
    )
    this.commands = Object.entries(manifest.commands)
      .map(([id, command]) => ({
        ...command,
        load: async () => this.findCommand(id, {must: true}),
        pluginAlias: this.alias,
        pluginType: command.pluginType === 'jit' ? 'jit' : this.type,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    this.commandIDs = Object.keys(manifest.commands)
  }

  get topics(): Topic[] {
    return topicList(this.pjson.oclif.topics ?? {}, '')
  }

  findCommand(id: string, opts: {must: true}): Promise<Command.Class>
  findCommand(id: string, opts?: {must: boolean}): Promise<Command.Class | undefined>
  async findCommand(id: string, opts?: {must: boolean}): Promise<Command.Class | undefined> {
    this.loaded ??= (async () => {
      const plugin = new Plugin(this.options)
      await plugin.load()
      return plugin
    })()
    return (await this.loaded).findCommand(id, {must: opts?.must ?? false})
  }

  async load(): Promise<void> {
    // made whole by the constructor
  }
}

/** oclif's logger when it would print nothing: the `debug` package it wraps prints only the namespaces DEBUG names. */
function silentLogger(namespace: string): Logger {
  const nothing = () => {}
  return {
    namespace,
    child: (name: string) => silentLogger(`${namespace}:${name}`),
    debug: nothing,
    error: nothing,
    info: nothing,
    trace: nothing,
    warn: nothing,
  }
}

/** The options for oclif's Config.load that give a bundled command the configuration oclif would load from `root`. */
export async function bundledConfigOptions(root: string): Promise<{root: string; pjson?: PJSON; plugins?: Map<string, PluginShape>; logger?: Logger}> {
  // Without DEBUG, oclif's logger is one that never loads the `debug` package (nor the terminal modules it reads at load).
  const logger = process.env.DEBUG ? {} : {logger: silentLogger('oclif')}
  let pjson: PJSON
  let manifest: Manifest
  try {
    pjson = readJson<PJSON>(join(root, 'package.json'))
    manifest = readJson<Manifest>(join(root, 'oclif.manifest.json'))
  } catch {
    return {root, ...logger} // no manifest, or one that does not parse: oclif's own load reports or works around it
  }
  // oclif warns about a manifest of another version and lists the command files instead: its own load does that.
  if (manifest.version.split('-')[0] !== pjson.version.split('-')[0] || process.env.OCLIF_NEXT_VERSION) return {root, ...logger}
  const plugin = new ManifestPlugin(root, pjson, manifest)
  return {root, pjson, plugins: new Map([[plugin.name, plugin]]), ...logger}
}
