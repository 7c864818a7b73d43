// Runs a floor bundle (bench/floor/*.mjs, bundled by bench/cold-start.mjs) as bin/run.js runs a bundled command.
const {readFileSync} = require('node:fs')
const {loadBundle, root} = require('../../bin/bundled.js')

async function main([file, ...argv]) {
  const {exports} = loadBundle(file, readFileSync(`${file}.cache`))
  exports.default.id = 'floor'
  await exports.default.run(argv, await exports.bundledConfigOptions(root))
  await exports.flush()
}

main(process.argv.slice(2))
