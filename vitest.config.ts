import {defineConfig} from 'vitest/config'

// CI runs on small, shared 2-vCPU machines: tests assert behaviour, never speed, so no test may fail
// because the machine is slow. Timeouts only catch a test that hangs.
export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
})
