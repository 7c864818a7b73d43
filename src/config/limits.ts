/**
 * The input limits, in one place (RELIABILITY.md lists them). Each bounds the time and memory one
 * hostile file can cost, and each lies far above what a real configuration needs: the largest one an
 * account can hold (300 fully configured apps) is about 3.7 MB with a few hundred values per app.
 */

/** Bytes of one configuration file; larger files are refused before they are read. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024
/** Bytes of all configuration files of one run together. */
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024
/** Configuration files one run reads (a folder of one file per app needs 300). */
export const MAX_FILES = 1000
/** Bytes of a file read through ${file:…} or ${filebase64:…}: certificates and keys are far smaller. */
export const MAX_REFERENCED_FILE_BYTES = 1024 * 1024
/** Keys of one map; the largest map the service allows holds 300 apps, a group at most 2,000 members. */
export const MAX_KEYS_PER_MAP = 10_000
/** Items of one list. */
export const MAX_ITEMS_PER_LIST = 10_000
/** Keys, values and list items of one file. */
export const MAX_VALUES_PER_FILE = 500_000
/** Levels of nesting; the deepest real configuration path is about ten levels. */
export const MAX_DEPTH = 64
/** Values produced by expanding aliases in one file; beyond this the file is treated as an alias bomb. */
export const MAX_ALIAS_EXPANDED_NODES = 100_000
