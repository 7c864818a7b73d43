import {closeSync, constants, fstatSync, openSync, readSync, type Stats} from 'node:fs'

/** The bytes of a regular file, or why it was not read. */
export type BoundedRead =
  | {readonly bytes: Buffer}
  | {readonly refused: 'not-a-file'; readonly kind: string}
  | {readonly refused: 'too-large'; readonly size: number}
  | {readonly refused: 'unreadable'; readonly reason: string}

const CHUNK_BYTES = 64 * 1024

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder'
  if (stat.isCharacterDevice()) return 'a character device'
  if (stat.isBlockDevice()) return 'a block device'
  if (stat.isFIFO()) return 'a named pipe'
  if (stat.isSocket()) return 'a socket'
  return 'not a regular file'
}

/**
 * Reads a regular file of at most `limit` bytes. The type and size are checked on the open descriptor
 * before any byte is read, and the descriptor is opened non-blocking, so a named pipe with no writer
 * never stalls the run and a device such as /dev/zero is never read. A file that grows while it is read
 * is cut off at `limit` + 1 bytes and refused.
 */
export function readBounded(path: string, limit: number): BoundedRead {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    return {refused: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? 'error'}
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return {refused: 'not-a-file', kind: kindOf(stat)}
    if (stat.size > limit) return {refused: 'too-large', size: stat.size}
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit + 1 - total))
      const read = readSync(fd, chunk, 0, chunk.length, null)
      if (read === 0) break
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read))
      total += read
      if (total > limit) return {refused: 'too-large', size: total}
    }
    return {bytes: Buffer.concat(chunks, total)}
  } catch (error) {
    return {refused: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? 'error'}
  } finally {
    closeSync(fd)
  }
}
