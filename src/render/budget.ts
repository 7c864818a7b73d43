/**
 * Sharing a size limit between the sections of a document: each section asks for what its items take,
 * and when the whole does not fit, each gets a share by weight, with what one section leaves unused
 * passed on to the others. Pure arithmetic, so every section is cut the same way at any size.
 */
export function allocate(needs: readonly number[], weights: readonly number[], available: number): number[] {
  const granted = needs.map(() => 0)
  let open = needs.map((_, i) => i)
  let left = Math.max(0, available)
  while (open.length > 0) {
    const weight = open.reduce((sum, i) => sum + (weights[i] ?? 1), 0)
    const satisfied = open.filter((i) => (needs[i] ?? 0) <= (left * (weights[i] ?? 1)) / weight)
    if (satisfied.length === 0) {
      for (const i of open) granted[i] = Math.floor((left * (weights[i] ?? 1)) / weight)
      break
    }
    for (const i of satisfied) {
      granted[i] = needs[i] ?? 0
      left -= needs[i] ?? 0
    }
    open = open.filter((i) => !satisfied.includes(i))
  }
  return granted
}

/**
 * What fits of a section within `limit` characters (each item counts one newline): items in order, an item
 * too large for what is left passed over so that the smaller ones after it still show. Returns the
 * positions of the items shown.
 */
export function fitting(items: readonly string[], limit: number): number[] {
  const shown: number[] = []
  let size = 0
  for (const [index, item] of items.entries()) {
    if (size + item.length + 1 > limit) continue
    shown.push(index)
    size += item.length + 1
  }
  return shown
}

/** The characters a list of lines takes when joined by newlines, with a final newline. */
export const sizeOf = (lines: readonly string[]): number => lines.reduce((sum, line) => sum + line.length + 1, 0)
