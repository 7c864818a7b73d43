// The served emulator in a process of its own, as the service would be: the benchmark talks to it over
// HTTP and asks it over IPC for what it saw (requests, throttling, timing per endpoint).
import {Emulator} from '../dist/providers/emulator/emulator.js'
import {serveEmulator} from '../dist/providers/emulator/serve/server.js'

const [path, latencyMs, secretId, secretKey, appKey] = process.argv.slice(2)
const emulator = Emulator.open({path, account: {uin: 100000000001}})
const server = await serveEmulator(emulator, {credentials: {secretId, secretKey}, appSecretKey: () => appKey, latencyMs: Number(latencyMs)})
process.on('message', async (message) => {
  if (message === 'stats') process.send({stats: server.stats.snapshot()})
  if (message === 'cpu') process.send({cpu: process.cpuUsage()})
  if (message === 'reset') {
    server.stats.clear()
    process.send({reset: true})
  }
  if (message === 'stop') {
    await server.close()
    emulator.close()
    process.exit(0)
  }
})
process.send({url: server.url})
