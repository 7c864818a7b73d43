// Generates TypeScript types from schemas/ (the source of truth). CI regenerates and fails on a diff.
import {readFileSync, writeFileSync} from 'node:fs'
import {compile} from 'json-schema-to-typescript'

const targets = [{schema: 'schemas/chatcfg.schema.json', out: 'src/config/generated/config.ts'}]

for (const {schema, out} of targets) {
  const json = JSON.parse(readFileSync(schema, 'utf8'))
  const ts = await compile(json, json.title, {
    bannerComment: `// Generated from ${schema} by scripts/gen-types.mjs. Do not edit by hand: edit the schema and run \`npm run gen\`.`,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: false,
    format: true,
    style: {singleQuote: true, semi: false, printWidth: 120},
  })
  writeFileSync(out, ts)
  console.log(`wrote ${out}`)
}
