// After tsc, in `npm run build`: one CommonJS file per command in bin/bundled.js (the compiled command with
// everything it imports, oclif and better-sqlite3's code included; its native addon is loaded from node_modules), and V8's code
// cache for it. The cache is taken after the command has run once on the quickstart example in a scratch
// folder, so that it holds the functions a run compiles (yaml's parser, the validator), not only the top level.
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'
import {BUNDLED_COMMANDS, bundlePaths, loadBundle, MODULE_WRAPPER} from '../bin/bundled.js'

const root = join(import.meta.dirname, '..')
const dist = join(root, 'dist')

// A module's own location, for the files tsc emitted: `import.meta` is empty in a CommonJS bundle, so each
// use becomes what it is for the file in dist/ (the bundle sits in dist/bundle/). A CommonJS require relative
// to the module (createRequire(import.meta.url)) becomes the bundle's own require, so the file is bundled too.
const moduleLocations = {
  name: 'module-locations',
  setup(esbuild) {
    esbuild.onLoad({filter: /\.js$/}, (args) => {
      if (!args.path.startsWith(`${dist}/`)) return undefined
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes('import.meta')) return undefined
      const file = `__chatcfgModuleFile(${JSON.stringify(relative(dist, args.path))})`
      const contents = source
        .replaceAll('createRequire(import.meta.url)(', 'require(')
        .replaceAll('import.meta.url', `require('node:url').pathToFileURL(${file}).href`)
        .replaceAll('import.meta.filename', file)
        .replaceAll('import.meta.dirname', `require('node:path').dirname(${file})`)
      return {contents, loader: 'js'}
    })
  },
}

// oclif's modules require at their top what only its help, its error rendering and colours (ux, theme, and the
// terminal detection they run at load), plugin discovery, TypeScript support or performance tracing use; a bundled command reaches them only on those paths. Each such require in
// @oclif/core becomes a module loaded on its first use (its exports read through a proxy), so a start does not
// run them. What loads lazily: packages by name, oclif's own modules by their path below @oclif/core/lib.
const LAZY_PACKAGES = new Set([
  'supports-color',
  'lilconfig',
  'debug',
  'ejs',
  'clean-stack',
  'indent-string',
  'wrap-ansi',
  'tinyglobby',
  'minimatch',
  'node:child_process',
  'node:perf_hooks',
  'node:fs/promises',
  'node:readline',
])
const LAZY_OCLIF_MODULES = new Set([
  'ux/index.js',
  'ux/theme.js',
  'ux/list.js',
  'help/index.js',
  'config/ts-path.js',
  'module-loader.js',
  'util/read-tsconfig.js',
  'screen.js',
  'ux/action/spinner.js',
])
// Edits to oclif's own code, by file below @oclif/core/lib, each of which must match once (a new oclif fails the build, not a start).
// - When no path is given, oclif's parser reads the lines stdin holds within 10 ms (`echo chatcfg.yaml | chatcfg validate`),
//   through readline. The same probe without readline; a small file is read at once, and /dev/null not at all (it holds
//   no line). On a terminal, on Windows and for any other kind of stdin, oclif's own.
// - Config.load reads the user's theme.json with node:fs/promises, whose loading is most of that read's cost; when the file does
//   not exist (nearly always) the read would fail and give undefined, which is what a synchronous look gives at once.
// oclif's probe resolves on its 'close', which also comes at the timeout: with the complete lines so far, joined by EOL.
const READ_STDIN = `const readStdin = async () => {
    const kind = stdinKind();
    if (kind === undefined)
        return readStdinAsOclifDoes();
    if (globalThis.oclif?.stdinCache) {
        debug('resolved stdin from global cache', globalThis.oclif.stdinCache);
        return globalThis.oclif.stdinCache;
    }
    if (kind === 'null')
        return stdinLines(Buffer.alloc(0), true);
    if (kind === 'file')
        return stdinLines(require('node:fs').readFileSync(0), true);
    const { stdin } = process;
    return new Promise((resolve, reject) => {
        const chunks = [];
        const onData = (chunk) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        const stop = () => {
            clearTimeout(timeout);
            stdin.removeListener('data', onData);
            stdin.removeListener('end', onEnd);
            stdin.removeListener('error', onError);
            stdin.pause();
        };
        const onEnd = () => {
            stop();
            resolve(stdinLines(Buffer.concat(chunks), true));
        };
        const onError = (error) => {
            stop();
            reject(error);
        };
        const timeout = setTimeout(() => {
            debug('stdin aborted');
            stop();
            resolve(stdinLines(Buffer.concat(chunks), false));
        }, 10);
        stdin.on('error', onError);
        stdin.on('data', onData);
        stdin.on('end', onEnd);
        stdin.resume();
    });
};
function stdinKind() {
    if (process.platform === 'win32')
        return undefined;
    const { fstatSync, statSync } = require('node:fs');
    try {
        const stats = fstatSync(0);
        if (stats.isFile() && stats.size <= 65536)
            return 'file';
        if (stats.isFIFO() || stats.isSocket() || stats.isFile())
            return 'stream';
        if (stats.isCharacterDevice() && stats.rdev === statSync('/dev/null').rdev)
            return 'null';
    }
    catch { }
    return undefined;
}
/** The lines readline gives for these bytes (the last, unterminated one only once the input ended), joined as oclif joins them. */
function stdinLines(bytes, ended) {
    const { StringDecoder } = require('node:string_decoder');
    const lines = new StringDecoder('utf8').write(bytes).split(/\\r?\\n|\\r(?!\\n)/);
    const last = lines.pop();
    if (ended && last !== '')
        lines.push(last);
    const result = lines.join(node_os_1.EOL);
    debug('resolved from stdin', result);
    globalThis.oclif = { ...globalThis.oclif, stdinCache: result };
    return result;
}
`
const OCLIF_EDITS = {
  'parser/parse.js': [
    ['const readStdin = async () => {\n', 'const readStdinAsOclifDoes = async () => {\n'],
    ['exports.readStdin = readStdin;\n', `${READ_STDIN}exports.readStdin = readStdin;\n`],
  ],
  'util/fs.js': [
    [
      'async function safeReadJson(path, useCache = true) {\n',
      'async function safeReadJson(path, useCache = true) {\n    if (!(useCache && cache.has(path)) && !(0, node_fs_1.existsSync)(path))\n        return undefined;\n',
    ],
  ],
}
const TOP_LEVEL_REQUIRE = /^(const|var) (\w+) = ((?:__importDefault|__importStar)\()?require\("([^"]+)"\)(\))?;$/gm
const oclifForBundle = {
  name: 'oclif-for-bundle',
  setup(esbuild) {
    esbuild.onLoad({filter: /[\\/]@oclif[\\/]core[\\/]lib[\\/].*\.js$/}, (args) => {
      const lib = args.path.slice(0, args.path.lastIndexOf('/lib/') + 5)
      const lazy = (specifier) => {
        if (!specifier.startsWith('.')) return LAZY_PACKAGES.has(specifier)
        const target = relative(lib, join(dirname(args.path), specifier))
        return [`${target}.js`, `${target}/index.js`].some((file) => LAZY_OCLIF_MODULES.has(file))
      }
      const source = readFileSync(args.path, 'utf8')
      let contents = source.replace(TOP_LEVEL_REQUIRE, (line, declaration, name, wrapper, specifier, close) =>
        lazy(specifier) && Boolean(wrapper) === Boolean(close)
          ? `${declaration} ${name} = __chatcfgLazy(() => ${line.slice(line.indexOf('= ') + 2, -1)});`
          : line,
      )
      for (const [from, to] of OCLIF_EDITS[relative(lib, args.path)] ?? []) {
        if (contents.split(from).length !== 2) throw new Error(`${args.path}: the code to edit is not there once: ${from}`)
        contents = contents.replace(from, () => to)
      }
      return contents === source ? undefined : {contents, loader: 'js'}
    })
  },
}

// oclif imports wsl-utils only to ask whether this is WSL (and, on Windows, for PowerShell's path); loading wsl-utils loads
// node:child_process and node:fs/promises too. Within oclif it becomes is-wsl's answer, as wsl-utils re-exports it, and a path
// that loads wsl-utils when asked.
const wslUtilsAnswer = {
  name: 'wsl-utils-answer',
  setup(esbuild) {
    esbuild.onResolve({filter: /^wsl-utils$/}, async (args) => {
      if (!/[\\/]@oclif[\\/]core[\\/]lib[\\/]/.test(args.importer)) return undefined
      const wslUtils = await esbuild.resolve('wsl-utils', {resolveDir: args.resolveDir, kind: args.kind})
      const isWsl = await esbuild.resolve('is-wsl', {resolveDir: dirname(wslUtils.path), kind: 'import-statement'})
      if (wslUtils.errors.length > 0 || isWsl.errors.length > 0) return {errors: [...wslUtils.errors, ...isWsl.errors]}
      return {path: wslUtils.path, namespace: 'wsl-utils-answer', pluginData: {wslUtils: wslUtils.path, isWsl: isWsl.path}}
    })
    esbuild.onLoad({filter: /.*/, namespace: 'wsl-utils-answer'}, ({pluginData}) => ({
      contents: `export {default as isWsl} from ${JSON.stringify(pluginData.isWsl)}\nexport const powerShellPath = async () => (await import(${JSON.stringify(pluginData.wslUtils)})).powerShellPath()\n`,
      resolveDir: dirname(pluginData.wslUtils),
      loader: 'js',
    }))
  },
}
const LAZY_MODULE = `const __chatcfgLazy = (load) => { let loaded; const target = () => (loaded ??= load()); return new Proxy({}, {
  get: (_, key) => target()[key], has: (_, key) => key in target(), ownKeys: () => Reflect.ownKeys(target()),
  getOwnPropertyDescriptor: (_, key) => { const found = Reflect.getOwnPropertyDescriptor(target(), key); return found && {...found, configurable: true} } }) };`

// chatcfg's own modules do nothing at import but define what they export (no module is imported for its effect alone), so one
// whose exports a command does not use is left out of its bundle, with what it imports at its top (node:zlib for UserSigs in plan).
const ownModulesOnlyExport = {
  name: 'own-modules-only-export',
  setup(esbuild) {
    esbuild.onResolve({filter: /^\.\.?\//}, (args) => {
      if (args.kind !== 'import-statement' || !args.importer.startsWith(`${dist}/`)) return undefined
      return {path: join(args.resolveDir, args.path), sideEffects: false}
    })
  },
}

// The run that warms each cache, in this order, on a copy of examples/quickstart: apply leaves the state that plan and drift read.
const WARM_RUNS = {validate: ['validate'], apply: ['apply', '--auto-approve'], plan: ['plan'], drift: ['drift']}
const ORDER = ['validate', 'apply', 'plan', 'drift']
if (ORDER.toSorted().join() !== BUNDLED_COMMANDS.toSorted().join()) throw new Error('every bundled command needs a warm-up run')

/** Runs a bundled command with its output discarded; what it prints and its exit code do not matter here. */
async function warm(command, configOptions, argv) {
  const write = {stdout: process.stdout.write, stderr: process.stderr.write}
  process.stdout.write = () => true
  process.stderr.write = () => true
  try {
    await command.run(argv, await configOptions(root))
  } catch {
    // a failed warm-up run only leaves a smaller cache
  } finally {
    process.stdout.write = write.stdout
    process.stderr.write = write.stderr
    process.exitCode = 0
  }
}

/** esbuild's options for a bundle of `contents` (an entry module whose imports resolve from dist/) written to `file`. */
function bundleOptions(contents, sourcefile, file) {
  return {
    stdin: {contents, resolveDir: dist, sourcefile},
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: file,
    minify: true,
    keepNames: true,
    // The real service's SDK (and node-fetch, whatwg-url, tr46, mime-db below it: a third of plan's bundle) is imported only
    // when a configuration names the tencentcloud provider: it loads from node_modules then, and is not read at every start.
    external: ['tencentcloud-sdk-nodejs-common'],
    // ... through require: the bundle runs as a script of its own (bin/bundled.js), where import() has no loader to call.
    supported: {'dynamic-import': false},
    banner: {js: `const __chatcfgModuleFile = (path) => require('node:path').join(__dirname, '..', path);\n${LAZY_MODULE}`},
    plugins: [moduleLocations, oclifForBundle, wslUtilsAnswer, ownModulesOnlyExport],
    logLevel: 'warning',
  }
}

/**
 * Bundles the module that `entry` names (its default export a command) into `file` in dist/bundle/, with oclif's flush and the
 * bundled configuration beside it, runs the command once with `argv` in the working directory, and saves V8's code cache after.
 */
export async function bundleCommand({id, entry, file, cache, argv}) {
  const contents = `export {default} from ${JSON.stringify(entry)}\nexport {flush} from '@oclif/core/flush'\nexport {bundledConfigOptions} from './cli/bundled-config.js'\n`
  const result = await build(bundleOptions(contents, `${id}-entry.js`, file))
  // A warning here (import.meta left empty, a require that cannot be resolved) would be a command that fails when run.
  if (result.warnings.length > 0) throw new Error(`bundling ${id}: ${result.warnings.map((w) => w.text).join('; ')}`)
  // Only ASCII, so that the source is read and compiled as a one-byte string (a regex in strip-ansi holds U+009B).
  const code = readFileSync(file, 'utf8').replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  writeFileSync(file, `${MODULE_WRAPPER[0]}${code}${MODULE_WRAPPER[1]}`)
  const {exports, script} = loadBundle(file, undefined)
  exports.default.id = id
  await warm(exports.default, exports.bundledConfigOptions, argv)
  writeFileSync(cache, script.createCachedData())
}

async function bundleCommands() {
  rmSync(join(dist, 'bundle'), {recursive: true, force: true})
  mkdirSync(join(dist, 'bundle'))
  // The warm-up runs are the quickstart on a scratch emulator whatever the environment says: no injected faults, no real service, no GitHub outputs.
  for (const name of Object.keys(process.env)) if (/^(CHATCFG_|TENCENTCLOUD_|GITHUB_)/.test(name)) delete process.env[name]
  const scratch = mkdtempSync(join(tmpdir(), 'chatcfg-bundle-'))
  cpSync(join(root, 'examples', 'quickstart'), scratch, {recursive: true})
  const cwd = process.cwd()
  process.chdir(scratch)
  try {
    for (const id of ORDER) await bundleCommand({id, entry: `./commands/${id}.js`, ...bundlePaths(id), argv: WARM_RUNS[id].slice(1)})
  } finally {
    process.chdir(cwd)
    rmSync(scratch, {recursive: true, force: true})
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCommands()
