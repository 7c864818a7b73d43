/**
 * Every diagnostic code chatcfg reports, with what it means. The code is the stable contract (tests,
 * `--format json`, CI annotations); messages may be reworded.
 */
export const DIAGNOSTIC_CODES = {
  // Reading files
  'config/no-input': 'no configuration file was found at the given path',
  'config/file-unreadable': 'a configuration file or directory could not be read',
  'config/file-too-large': 'a configuration file is larger than chatcfg reads',
  'config/not-text': 'a configuration file is not UTF-8 text',
  'config/empty-file': 'a configuration file holds no configuration',
  // YAML
  'config/yaml-syntax': 'the file is not valid YAML',
  'config/duplicate-key': 'a key appears twice in one map, or in two files',
  'config/yaml-alias-limit': 'YAML aliases expand to more than chatcfg accepts (an alias bomb)',
  'config/too-deep': 'values are nested deeper than any configuration needs',
  'config/yaml-unsupported': 'a YAML feature chatcfg does not accept (tags, complex keys, several documents)',
  // Substitution
  'config/missing-env': 'a ${env:NAME} reference names an unset environment variable',
  'config/file-reference': 'a ${file:…} reference is missing, unreadable, or leaves the configuration folder',
  'config/bad-substitution': 'a ${…} reference has an unknown kind or bad syntax',
  // Schema
  'config/version': 'the configuration version is missing or not supported',
  'config/unknown-key': 'a key the schema does not define (often a typo)',
  'config/missing-key': 'a required key is missing',
  'config/wrong-type': 'a value has the wrong type',
  'config/invalid-value': 'a value is not allowed (format, range, length or choice)',
  'config/invalid-name': 'a name or key does not follow its naming rules',
  'config/limit-exceeded': 'more items than the service allows',
  'config/byte-length': 'a text is longer, in UTF-8 bytes, than the service allows',
  'config/exactly-one-of': 'exactly one of several alternatives must be given',
  'config/provider-conflict': 'more than one file sets the provider or version',
  'config/credentials': 'the provider credentials are missing or unreadable',
  'config/state-file': 'the record of console steps (state file) cannot be read',
  // Rules that need no live state
  'config/unknown-reference': 'a reference to something not declared in the configuration',
  'config/undeclared-account': 'a group refers to an account this configuration does not declare',
  'config/unused-template': 'a template no app extends',
  'config/duplicate-field-name': 'a group field and a group member field share a name',
  'config/edition-feature': 'a feature the declared edition does not include',
  'config/edition-limit': 'more than the declared edition allows',
  'config/group-type-unsupported': 'a setting or feature the group type does not support',
  'config/group-id': 'a group ID does not fit its group type',
  'config/setting-dependency': 'a setting needs another setting beside it (topics need communities, webhook choices need their event)',
  'config/read-receipts-group-size': 'read receipts are on for a group type, but a group of that type has more members than read receipts serve',
  'config/webhook-url': 'a webhook URL the console would refuse',
  'config/policy': 'a CAM policy the service would refuse',
  'config/protected': 'deletion requested for a protected resource',
  'config/lifecycle': 'contradictory lifecycle settings',
  'config/secret-in-clear': 'a secret written in clear in the configuration',
  // Rules that need live state
  'plan/undeletable-field': 'a custom field exists in the app but not in the configuration; custom fields can never be deleted',
  'plan/immutable': 'a value that cannot change once the resource exists would change',
  'plan/group-type-removed': 'a group type would be removed from a custom field',
  'plan/edition-downgrade': 'the edition would go down',
  'plan/limit-exceeded': 'live and desired resources together exceed a limit',
  'plan/history-locked': 'the history storage period changed less than a month ago',
  'plan/unknown-app': 'the configuration names an SDKAppID the account does not have',
  'plan/pending-reference': 'a value depends on something this plan creates; plan again after apply',
  'plan/unsafe': 'the plan deletes more of a kind than the safety threshold allows without --force',
  'plan/target-not-found': 'no resource matches --target',
  'plan/webhook-port': 'the webhook would move between ports where one is a prefix of the other',
  'plan/account-deletion': 'accounts can be deleted only on the developer edition',
  'plan/paid-app-lifecycle': 'a standard or premium app would be disabled or deleted, which only Tencent Cloud does',
  'plan/one-way': 'a setting the console only turns on would be turned off',
} as const

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES
