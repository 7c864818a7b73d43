// Generates code from schemas/ (the source of truth): TypeScript types, and the configuration validator
// compiled ahead of time so the CLI does not compile the schema on every start. Never edit the outputs
// by hand: edit the schema and run `npm run gen`. `--check` fails when a committed output is stale.
import {readFileSync, writeFileSync} from 'node:fs'
import {Ajv2020} from 'ajv/dist/2020.js'
import standaloneCode from 'ajv/dist/standalone/index.js'
import {compile} from 'json-schema-to-typescript'

const SCHEMA = 'schemas/chatcfg.schema.json'
const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'))
const banner = `Generated from ${SCHEMA} by scripts/generate.mjs. Do not edit by hand: edit the schema and run \`npm run gen\`.`

async function types() {
  return compile(schema, schema.title, {
    bannerComment: `// ${banner}`,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: false,
    format: true,
    style: {singleQuote: true, semi: false, printWidth: 120},
  })
}

function validator() {
  // The x-chatcfg-* metadata is read by chatcfg's rules, not by the validator: declare it as vocabulary.
  const keywords = [
    ...new Set(
      JSON.stringify(schema)
        .match(/"x-chatcfg-[a-z-]+"/g)
        .map((k) => JSON.parse(k)),
    ),
  ].sort()
  const ajv = new Ajv2020({allErrors: true, strict: true, verbose: true, code: {source: true}})
  ajv.addVocabulary(keywords)
  return `// ${banner}\n${standaloneCode.default(ajv, ajv.compile(schema))}\n`
}

const outputs = [
  {path: 'src/config/generated/config.ts', make: types},
  {path: 'src/config/generated/validate-config.cjs', make: validator},
]

const check = process.argv.includes('--check')
let stale = 0
for (const {path, make} of outputs) {
  const text = await make()
  if (!check) {
    writeFileSync(path, text)
    console.log(`wrote ${path}`)
  } else if (readFileSync(path, 'utf8') !== text) {
    console.error(`${path} is stale: run npm run gen`)
    stale++
  }
}
process.exitCode = stale > 0 ? 1 : 0
