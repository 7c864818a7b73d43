// Generated from schemas/chatcfg.schema.json by scripts/generate.mjs. Do not edit by hand: edit the schema and run `npm run gen`.

/**
 * Application type shown in the console's basic information (for example Game or Social).
 */
export type AppType = string
/**
 * Application introduction shown in the console's basic information.
 */
export type AppIntroduction = string
/**
 * Billing edition. A new app starts as developer. An edition can only go up (developer, then standard, then premium); going back needs a new app. Only developer apps can be disabled and deleted by their owner: standard and premium apps are disabled for overdue payment, and deleted by Tencent Cloud on request.
 */
export type Edition = 'developer' | 'standard' | 'premium'
/**
 * enabled serves traffic. An app must be disabled before it can be deleted.
 */
export type AppStatus = 'enabled' | 'disabled'
/**
 * Deletion protection: while true, chatcfg refuses any plan that deletes this resource. It is recorded on the live resource, so setting it to false (or leaving it out) is a change of its own, applied before a deletion is accepted.
 */
export type Protected = boolean
/**
 * Activate TRTC (audio and video) for this app; the TRTC application shares the SDKAppID, accounts and authentication. The console only activates it: once true it stays true.
 */
export type Trtc = boolean
/**
 * Value type of a custom field. It cannot change once the field exists.
 */
export type CustomFieldType = 'string' | 'bytes'
/**
 * A webhook (callback) command name. The console guide (2024) lists the checkboxes of its time; the service's command list is newer and decides: the follow callbacks (2025) and the message-extension callbacks are accepted although the guide predates them.
 */
export type WebhookEvent =
  | 'State.StateChange'
  | 'Profile.CallbackPortraitSet'
  | 'Sns.CallbackPrevFriendAdd'
  | 'Sns.CallbackPrevFriendResponse'
  | 'Sns.CallbackFriendAdd'
  | 'Sns.CallbackFriendDelete'
  | 'Sns.CallbackBlackListAdd'
  | 'Sns.CallbackBlackListDelete'
  | 'C2C.CallbackBeforeSendMsg'
  | 'C2C.CallbackAfterSendMsg'
  | 'C2C.CallbackAfterMsgReport'
  | 'C2C.CallbackAfterMsgWithDraw'
  | 'Group.CallbackBeforeCreateGroup'
  | 'Group.CallbackAfterCreateGroup'
  | 'Group.CallbackBeforeApplyJoinGroup'
  | 'Group.CallbackBeforeInviteJoinGroup'
  | 'Group.CallbackAfterNewMemberJoin'
  | 'Group.CallbackAfterMemberExit'
  | 'Group.CallbackBeforeSendMsg'
  | 'Group.CallbackAfterSendMsg'
  | 'Group.CallbackAfterGroupFull'
  | 'Group.CallbackAfterGroupDestroyed'
  | 'Group.CallbackAfterGroupInfoChanged'
  | 'Group.CallbackOnMemberStateChange'
  | 'Group.CallbackSendMsgException'
  | 'Group.CallbackBeforeCreateTopic'
  | 'Group.CallbackAfterCreateTopic'
  | 'Group.CallbackAfterTopicDestroyed'
  | 'Group.CallbackAfterTopicInfoChanged'
  | 'Group.CallbackAfterRecallMsg'
  | 'Group.CallbackAfterMemberFieldChanged'
  | 'Group.CallbackAfterGroupAttrChanged'
  | 'Group.CallbackAfterReadReceipt'
  | 'Group.CallbackAfterChangeGroupOwner'
  | 'Group.CallbackOnDailyGroupQuotaAlarm'
  | 'Alert.RequestOverLimit'
  | 'Bot.OnC2CMessage'
  | 'Bot.OnGroupMessage'
  | 'Chatbot.OnC2CSignalMessage'
  | 'ContentCallback.ResultNotify'
  | 'Push.OfflinePush'
  | 'Push.AllMemberPush'
  | 'OfficialAccount.CallbackBeforeCreateOfficialAccount'
  | 'OfficialAccount.CallbackAfterCreateOfficialAccount'
  | 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged'
  | 'OfficialAccount.CallbackAfterOfficialAccountDestroyed'
  | 'OfficialAccount.CallbackBeforeAddSubscriber'
  | 'OfficialAccount.CallbackAfterAddSubscriber'
  | 'OfficialAccount.CallbackAfterOfficialAccountFull'
  | 'OfficialAccount.CallbackAfterDeleteSubscriber'
  | 'OfficialAccount.CallbackBeforeSendMsg'
  | 'OfficialAccount.CallbackAfterSendMsg'
  | 'OfficialAccount.CallbackAfterMsgWithDraw'
  | 'Follow.CallbackAfterFollowAdd'
  | 'Follow.CallbackAfterFollowDelete'
  | 'C2C.CallbackAfterC2CMsgExtension'
  | 'Group.CallbackAfterGroupMsgExtension'
/**
 * present (the default) keeps the certificate. absent deletes it: the only way chatcfg deletes a push certificate, as the console cannot restore a deleted one and pushes stop. Refused while `protected` is true; the certificate's other values may then be left out.
 */
export type CertificateEnsure = 'present' | 'absent'
/**
 * Notification channel ID the push uses on the device.
 */
export type PushChannelId = string
/**
 * present (the default) keeps the resource. absent deletes it: the only way chatcfg ever deletes an app, account or group. Deletion loses the resource's data for good and is refused while `protected` is true.
 */
export type Ensure = 'present' | 'absent'
/**
 * A Chat UserID: at most 32 letters, digits, underscores or hyphens.
 */
export type UserId = string
/**
 * A stable name: lower-case letters, digits and inner hyphens, starting with a letter, at most 40 characters, not sdkappid-<digits> (the name of apps chatcfg does not manage yet).
 */
export type Key = string
/**
 * name/<service>:<Action> with * wildcards, or *.
 */
export type CamAction = string
/**
 * A six-segment resource qcs:<project>:<service>:<region>:<account>:<resource>, or *.
 */
export type CamResource = string

/**
 * A chatcfg configuration: Tencent Cloud Chat apps, their settings, accounts, groups and access policies. Several files are merged into one configuration; each top-level map is merged key by key.
 */
export interface ChatcfgConfig {
  /**
   * Version of the chatcfg configuration language. Only 1 exists.
   */
  version: 1
  provider?: Provider
  /**
   * Reusable app settings. An app names templates in `extends` and inherits their settings; its own values win. Maps merge key by key, lists and scalars are replaced whole.
   */
  templates?: {
    [k: string]: AppTemplate
  }
  /**
   * Chat apps, keyed by a stable name chosen by you. Addresses in plans read app.<key>.…
   */
  apps?: {
    [k: string]: App
  }
  /**
   * Cloud Access Management (CAM) policies that grant sub-users and user groups access to Chat, keyed by policy name.
   */
  policies?: {
    [k: string]: Policy
  }
}
/**
 * Where live state comes from. Without a provider block chatcfg runs against its embedded emulator. Credentials are never written here: they come from the environment or a credentials file.
 */
export interface Provider {
  /**
   * The embedded local Chat service (the default).
   */
  emulator?: {
    /**
     * SQLite database file, relative to the configuration's folder.
     */
    path?: string
    /**
     * The Tencent Cloud account the emulator plays, with the CAM sub-users and user groups that exist in it (policies can only be attached to those).
     */
    account?: {
      /**
       * Root account ID (UIN).
       */
      uin?: number
      /**
       * UINs of the account's sub-users.
       */
      subUsers?: number[]
      /**
       * IDs of the account's CAM user groups.
       */
      userGroups?: number[]
    }
    /**
     * Faults the emulator injects into writes, for testing; off by default. CHATCFG_EMULATOR_FAULTS (seed=N,failure=R,throttle=R,drop=R,latency=MS) overrides it.
     */
    faults?: {
      /**
       * Seed that makes the faults repeatable.
       */
      seed?: number
      /**
       * Share of writes refused with a transient internal error (nothing stored).
       */
      failureRate?: number
      /**
       * Share of writes refused as throttled (nothing stored).
       */
      throttleRate?: number
      /**
       * Share of writes stored whose answer is lost.
       */
      dropRate?: number
      /**
       * Latency added to every write, in milliseconds.
       */
      latencyMs?: number
    }
  }
  /**
   * The real Tencent Cloud Chat service. The API key pair is read from TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, each app's secret key from CHATCFG_APP_SECRET_KEY_<SDKAppID> (or CHATCFG_APP_SECRET_KEY), or all of them from `credentialsFile`.
   */
  tencentcloud?: {
    /**
     * Region the apps were created in; it decides the REST API domain.
     */
    region: 'china' | 'singapore' | 'seoul' | 'frankfurt' | 'mumbai' | 'usa' | 'jakarta' | 'tokyo' | 'riyadh'
    /**
     * Root account ID (UIN) of the Tencent Cloud account that owns the apps.
     */
    uin: number
    /**
     * intl uses the international API endpoints (*.intl.tencentcloudapi.com), china the mainland ones.
     */
    site?: 'intl' | 'china'
    /**
     * A JSON file holding `secretId`, `secretKey` and `appSecretKeys` (SDKAppID → app secret key), relative to the configuration's folder. Keep it out of git; the environment wins over it.
     */
    credentialsFile?: string
    /**
     * The app admin account REST API calls are made as, with a UserSig made from the app's secret key. Every app has `administrator`.
     */
    admin?: string
    /**
     * chatcfg's record of the console steps operators confirmed (settings with no public API), relative to the configuration's folder. Commit it beside the configuration: it is the live state of those settings.
     */
    stateFile?: string
    /**
     * Send every REST and API 3.0 call to this http:// loopback base URL instead of the service, for `chatcfg emulator serve` (for example http://127.0.0.1:8181). Requests keep the service's host names and signatures.
     */
    endpoint?: string
  }
}
/**
 * Settings shared by several apps. Every property has the meaning it has on an app.
 */
export interface AppTemplate {
  type?: AppType
  introduction?: AppIntroduction
  edition?: Edition
  status?: AppStatus
  protected?: Protected
  tags?: Tags
  trtc?: Trtc
  login?: Login
  messages?: Messages
  friends?: Friends
  userFields?: UserFields
  friendFields?: FriendFields
  groupFields?: GroupFields
  groupMemberFields?: GroupMemberFields
  groupSettings?: GroupSettings
  webhook?: Webhook
  push?: Push
  accounts?: Accounts
  groups?: Groups
}
/**
 * Tencent Cloud tags on the app (tag key to tag value). Sub-users authorised by tag only see apps carrying their tags.
 */
export interface Tags {
  [k: string]: string
}
/**
 * Login settings (Feature Configuration > Login and Message).
 */
export interface Login {
  /**
   * Multi-device login policy. single: one device across all platforms. dual: one native device plus web. triple: one Android or iOS device plus Windows plus web. multi: online on all platforms at once (several devices per platform; premium features).
   */
  multiDevice?: 'single' | 'dual' | 'triple' | 'multi'
  /**
   * Maximum concurrent online web instances per user. More than 1 needs premium features (at most 10).
   */
  webInstances?: number
}
/**
 * Message settings (Feature Configuration > Login and Message).
 */
export interface Messages {
  /**
   * Days message history is stored. The edition's free period applies when unset (7 days, 30 on premium); longer is a paid add-on, not available on developer. It can change at most once a month.
   */
  historyDays?: number
  /**
   * How long after sending a message can be recalled, in minutes.
   */
  recallLimitMinutes?: number
  /**
   * Sync conversation deletion across a user's online clients.
   */
  syncConversationDeletion?: boolean
  /**
   * User status query and status change notifications. While off, clients get error 72001 when they query or subscribe.
   */
  userStatus?: boolean
  /**
   * Message extension: key-value data attached to messages (polls, group notices, surveys).
   */
  messageExtension?: boolean
  /**
   * Pushing to all users, optionally filtered by tags and attributes.
   */
  pushToAll?: boolean
  /**
   * Number of conversations a client pulls from the cloud. Other than 100 needs premium features.
   */
  conversationsToPull?: number
  /**
   * Blocklist check: when the recipient has blocked the sender, the sender still sees "Sent successfully" (true) or sees "Failed to send" (false).
   */
  blocklistShowsSent?: boolean
  /**
   * Check relationships before one-to-one messages: only friends can message each other; strangers get error 20009.
   */
  relationshipCheck?: boolean
}
/**
 * Friends and relationship chain settings.
 */
export interface Friends {
  /**
   * Default verification for adding friends: needConfirm (require verification), allowAny (allow all) or denyAny (forbid all).
   */
  verification?: 'needConfirm' | 'allowAny' | 'denyAny'
}
/**
 * Custom user (profile) fields, keyed by field name: letters only, at most 8. At most 20. A field can never be deleted and its name and type never change; its permissions can.
 */
export interface UserFields {
  [k: string]: UserField
}
export interface UserField {
  type?: CustomFieldType
  /**
   * Who can read the field: the app (client SDK), the admin (REST API), or both. At least one.
   *
   * @minItems 1
   */
  read: ('app' | 'admin')[]
  /**
   * Who can write the field: the app (client SDK), the admin (REST API), or both. At least one.
   *
   * @minItems 1
   */
  write: ('app' | 'admin')[]
}
/**
 * Custom friend fields, keyed by field name: letters only, at most 8. At most 20. A field can never be deleted and its name and type never change.
 */
export interface FriendFields {
  [k: string]: FriendField
}
export interface FriendField {
  type?: CustomFieldType
}
/**
 * Custom group fields, keyed by field name: at most 16 letters, digits or underscores, not starting with a digit, and not shared with a group member field. At most 10. A field can never be deleted; group types can be added to it but never removed.
 */
export interface GroupFields {
  [k: string]: GroupField
}
export interface GroupField {
  /**
   * Group types the field applies to, each with its permissions. At least one; a bound group type can never be removed.
   */
  groupTypes: {
    [k: string]: GroupFieldPermissions
  }
}
export interface GroupFieldPermissions {
  /**
   * Who can read the field: all users, or group members only.
   */
  read?: 'all' | 'members'
  /**
   * Who can write the field: all members, or the group owner and admins only.
   */
  write?: 'all' | 'owner'
}
/**
 * Custom group member fields, keyed by field name: at most 16 letters, digits or underscores, not starting with a digit, and not shared with a group field. At most 5. A field can never be deleted; group types can be added to it but never removed.
 */
export interface GroupMemberFields {
  [k: string]: GroupMemberField
}
export interface GroupMemberField {
  /**
   * Group types the field applies to, each with its permissions. At least one; a bound group type can never be removed.
   */
  groupTypes: {
    [k: string]: GroupMemberFieldPermissions
  }
}
export interface GroupMemberFieldPermissions {
  /**
   * Who can read the field: all users, or group members only.
   */
  read?: 'all' | 'members'
  /**
   * Who can write the field: all members, or the group owner and admins only.
   */
  write?: 'all' | 'owner'
  /**
   * Whether a member can read and write their own value.
   */
  self?: boolean
}
/**
 * Group configuration: features, message history, system notifications and read receipts.
 */
export interface GroupSettings {
  /**
   * Community groups (up to 100,000 members whatever the edition's per-group limit, with topics).
   */
  community?: boolean
  /**
   * Topics in community groups: several topics share a community's members, each with its own messages. Needs community: true. Off unless set. An app setting made in the console, as the API reference lists topic enablement among console-only settings.
   */
  topics?: boolean
  /**
   * Group types whose messages support read receipts: Work, Public and Meeting only, and in groups of at most 200 members.
   *
   * Items: A group type as the console names it: Work (REST name Private), Public, Meeting (REST name ChatRoom), AVChatRoom (audio-video group) or Community.
   */
  readReceipts?: ('Work' | 'Public' | 'Meeting' | 'AVChatRoom' | 'Community')[]
  /**
   * Audio-video group (AVChatRoom) features.
   */
  avChatRoom?: {
    /**
     * Keep the list of the latest 1,000 online members so clients can pull it.
     */
    onlineMemberList?: boolean
    /**
     * Broadcast messages to all audio-video groups.
     */
    broadcast?: {
      /**
       * Turn audio-video group broadcast on.
       */
      enabled?: boolean
      /**
       * Broadcast messages per second, 1 to 5.
       */
      ratePerSecond?: number
    }
    /**
     * Ban members: a banned member receives no group messages and cannot rejoin during the ban.
     */
    memberBan?: boolean
    /**
     * Number of earlier messages a new member of an audio-video group can see (0 turns it off).
     */
    newMemberHistory?: number
  }
  /**
   * Per group type: message history before joining and group system notifications.
   */
  byType?: {
    [k: string]: GroupTypeSettings
  }
}
export interface GroupTypeSettings {
  /**
   * New members can pull messages sent before they joined. Not for audio-video groups.
   */
  historyBeforeJoin?: boolean
  /**
   * Group system notifications.
   */
  notifications?: {
    /**
     * Notify members when members join or leave: true or false for every kind of change, or a choice per kind (the kinds the group type reference lists; the guide names none). Not for audio-video groups.
     */
    memberChange?:
      | boolean
      | {
          /**
           * A member was invited in.
           */
          invited?: boolean
          /**
           * A request to join was accepted.
           */
          applied?: boolean
          /**
           * A member was removed.
           */
          kicked?: boolean
          /**
           * A member left.
           */
          quit?: boolean
        }
    /**
     * Notify members when the group profile changes: true or false for every change, or a choice per item. Not for audio-video groups.
     */
    profileChange?:
      | boolean
      | {
          /**
           * The group name changed.
           */
          name?: boolean
          /**
           * The group notice changed.
           */
          notification?: boolean
          /**
           * The group introduction changed.
           */
          introduction?: boolean
          /**
           * The group photo changed.
           */
          faceUrl?: boolean
          /**
           * The owner changed.
           */
          owner?: boolean
          /**
           * Everyone was muted or unmuted.
           */
          muteAll?: boolean
          /**
           * The way to join changed.
           */
          applyJoin?: boolean
        }
    /**
     * Notify members when a member's group profile changes.
     */
    memberProfileChange?: boolean
  }
}
/**
 * Webhook (callback) configuration: where Chat posts events, and which events.
 */
export interface Webhook {
  /**
   * http:// or https:// URL; the host is a domain (letters, digits, single inner hyphens, at most 63 characters) or an IP address. Avoid changing to a port that is a prefix of the old one or the other way round (443 and 4433).
   */
  url: string
  /**
   * Callback commands to send to the URL.
   */
  events?: WebhookEvent[]
  /**
   * The console's four choices under the callback after group profile modification: which changes call Group.CallbackAfterGroupInfoChanged. Leave it out for all four; it needs that event in `events`.
   *
   * @minItems 1
   */
  groupInfoChanges?: ('faceUrl' | 'introduction' | 'name' | 'notification')[]
  /**
   * Authentication token: Chat adds a Sign and RequestTime to each callback URL so the receiver can check them.
   */
  token?: string
}
/**
 * Offline push certificates.
 */
export interface Push {
  /**
   * Android vendor push channels, one certificate per vendor.
   */
  android?: {
    mi?: PushAppIdSecret
    huawei?: PushAppIdSecret
    meizu?: PushAppIdSecret
    google?: PushGoogle
    vivo?: PushVivo
    oppo?: PushOppo
    honor?: PushHonor
  }
  /**
   * iOS certificates, keyed by a name of your choice.
   */
  ios?: {
    [k: string]: PushIos
  }
}
/**
 * A vendor push channel identified by an app ID and secret (Xiaomi, Huawei, Meizu).
 */
export interface PushAppIdSecret {
  ensure?: CertificateEnsure
  protected?: Protected
  /**
   * App ID from the vendor's push platform.
   */
  appId?: string
  /**
   * App secret from the vendor's push platform.
   */
  appSecret?: string
  /**
   * Android package name.
   */
  packageName?: string
  channelId?: PushChannelId
}
/**
 * Firebase Cloud Messaging, by service-account certificate or by server key.
 */
export interface PushGoogle {
  ensure?: CertificateEnsure
  protected?: Protected
  /**
   * The FCM service-account certificate (JSON), usually "${file:certs/fcm.json}".
   */
  credentials?: string
  /**
   * The FCM server key.
   */
  serverKey?: string
  channelId?: PushChannelId
}
/**
 * vivo push.
 */
export interface PushVivo {
  ensure?: CertificateEnsure
  protected?: Protected
  /**
   * App ID from the vivo push platform.
   */
  appId?: string
  /**
   * App key from the vivo push platform.
   */
  appKey?: string
  /**
   * App secret from the vivo push platform.
   */
  appSecret?: string
  channelId?: PushChannelId
}
/**
 * OPPO push.
 */
export interface PushOppo {
  ensure?: CertificateEnsure
  protected?: Protected
  /**
   * App key from the OPPO push platform.
   */
  appKey?: string
  /**
   * Master secret from the OPPO push platform.
   */
  masterSecret?: string
  channelId?: PushChannelId
}
/**
 * Honor push.
 */
export interface PushHonor {
  ensure?: CertificateEnsure
  protected?: Protected
  /**
   * App ID from the Honor push platform.
   */
  appId?: string
  /**
   * Client ID from the Honor push platform.
   */
  clientId?: string
  /**
   * Client secret from the Honor push platform.
   */
  clientSecret?: string
  channelId?: PushChannelId
}
/**
 * An iOS push certificate.
 */
export interface PushIos {
  ensure?: CertificateEnsure
  protected?: Protected
  /**
   * apns for ordinary notifications, voip for VoIP pushes.
   */
  type?: 'apns' | 'voip'
  /**
   * The APNs environment the certificate is for.
   */
  environment?: 'production' | 'development'
  /**
   * Bundle ID of the iOS app.
   */
  bundleId?: string
  /**
   * The .p12 certificate, base64-encoded; write "${filebase64:certs/apns.p12}".
   */
  p12?: string
  /**
   * Password of the .p12 certificate, required by the console; write "${env:NAME}".
   */
  password?: string
}
/**
 * Accounts (UserIDs) chatcfg manages, keyed by UserID. Accounts not listed here are left alone. An app has at most 10 admin accounts.
 */
export interface Accounts {
  [k: string]: Account
}
export interface Account {
  /**
   * admin accounts can call the REST API (at most 10 per app); general accounts are ordinary users. It cannot change once the account exists.
   */
  type?: 'general' | 'admin'
  ensure?: Ensure
  protected?: Protected
  /**
   * Nickname.
   */
  nick?: string
  /**
   * Profile photo URL.
   */
  faceUrl?: string
  /**
   * Gender.
   */
  gender?: 'unknown' | 'female' | 'male'
  /**
   * Birthday as YYYYMMDD, for example 20190419.
   */
  birthday?: number
  /**
   * Location code.
   */
  location?: string
  /**
   * Status line (What's up).
   */
  selfSignature?: string
  /**
   * How friend requests to this user are verified.
   */
  allowType?: 'needConfirm' | 'allowAny' | 'denyAny'
  /**
   * Language code defined by the app.
   */
  language?: number
  /**
   * 0 receives messages, 1 does not.
   */
  messageSettings?: number
  /**
   * none, or sendOut to forbid the user from sending friend requests.
   */
  adminForbidType?: 'none' | 'sendOut'
  /**
   * Level defined by the app.
   */
  level?: number
  /**
   * Role defined by the app.
   */
  role?: number
  /**
   * Values of custom user fields declared in `userFields`, keyed by field name.
   */
  custom?: {
    [k: string]: string
  }
}
/**
 * Groups chatcfg manages, keyed by group ID: printable ASCII, at most 48 bytes; community group IDs start with @TGS#_ and no other group ID starts with @TGS#. Groups not listed here are left alone.
 */
export interface Groups {
  [k: string]: Group
}
export interface Group {
  /**
   * A group type as the console names it: Work (REST name Private), Public, Meeting (REST name ChatRoom), AVChatRoom (audio-video group) or Community.
   */
  type: 'Work' | 'Public' | 'Meeting' | 'AVChatRoom' | 'Community'
  /**
   * Group name, at most 30 bytes.
   */
  name: string
  /**
   * A Chat UserID: at most 32 letters, digits, underscores or hyphens.
   */
  owner?: string
  /**
   * Group introduction, at most 240 bytes.
   */
  introduction?: string
  /**
   * Group notice, at most 300 bytes.
   */
  notification?: string
  /**
   * Group photo URL, at most 100 bytes.
   */
  faceUrl?: string
  /**
   * How users join: freeAccess, needPermission or disableApply. Not for community groups.
   */
  applyJoin?: 'freeAccess' | 'needPermission' | 'disableApply'
  /**
   * UserIDs of the members besides the owner; each must be a registered account. Audio-video groups take no member list.
   */
  members?: UserId[]
  /**
   * Values of custom group fields declared in `groupFields` for this group type, keyed by field name (at most 512 bytes each).
   */
  fields?: {
    [k: string]: string
  }
  ensure?: Ensure
  protected?: Protected
}
/**
 * A Chat app (one SDKAppID) and everything configured in it.
 */
export interface App {
  /**
   * Templates to inherit settings from, applied in order; the app's own values win.
   */
  extends?: Key | Key[]
  /**
   * SDKAppID of an existing app to manage. Leave it out to have chatcfg create the app.
   */
  sdkAppId?: number
  /**
   * App name shown in the console.
   */
  name: string
  ensure?: Ensure
  type?: AppType
  introduction?: AppIntroduction
  edition?: Edition
  status?: AppStatus
  protected?: Protected
  tags?: Tags
  trtc?: Trtc
  login?: Login
  messages?: Messages
  friends?: Friends
  userFields?: UserFields
  friendFields?: FriendFields
  groupFields?: GroupFields
  groupMemberFields?: GroupMemberFields
  groupSettings?: GroupSettings
  webhook?: Webhook
  push?: Push
  accounts?: Accounts
  groups?: Groups
}
/**
 * A CAM policy: either chatcfg statements (compiled to the CAM grammar), a CAM policy document written out, or a preset policy. Then the sub-users and user groups it is attached to.
 */
export interface Policy {
  /**
   * Policy description, at most 300 bytes.
   */
  description?: string
  /**
   * Statements in chatcfg's short form. Actions are Chat API names (im: is implied); apps are app keys from this configuration, or * for every app of the account.
   *
   * @minItems 1
   */
  statements?: PolicyStatement[]
  document?: CamPolicyDocument
  /**
   * present (the default) keeps the policy. absent deletes a custom policy, or detaches a preset one from everyone; only then may the policy's content be left out.
   */
  ensure?: 'present' | 'absent'
  /**
   * A preset Chat policy: QcloudAVCFullAccess (read and write) or QcloudIMReadOnlyAccess (read only).
   */
  preset?: 'QcloudAVCFullAccess' | 'QcloudIMReadOnlyAccess'
  /**
   * Who the policy is attached to.
   */
  attach?: {
    /**
     * Sub-user UINs.
     */
    users?: number[]
    /**
     * CAM user group IDs.
     */
    groups?: number[]
  }
}
export interface PolicyStatement {
  /**
   * allow or deny; deny wins over allow.
   */
  effect?: 'allow' | 'deny'
  /**
   * Chat API actions, for example DescribeAppStatList, Describe* or *. A leading im: is accepted.
   *
   * @minItems 1
   */
  actions: string[]
  /**
   * App keys from this configuration, or * for all apps of the account.
   *
   * @minItems 1
   */
  apps: (Key | '*')[]
  condition?: CamCondition
}
/**
 * Condition operators, each mapping condition keys to a value or a list of values.
 */
export interface CamCondition {
  [k: string]: {
    [k: string]: string | string[]
  }
}
/**
 * A CAM policy document (policy syntax 2.0); JSON pasted here is valid YAML. At most 6144 characters once written as compact JSON.
 */
export interface CamPolicyDocument {
  /**
   * Policy syntax version; must be "2.0".
   */
  version: '2.0'
  /**
   * The policy's statements; deny wins over allow.
   *
   * @minItems 1
   */
  statement: CamStatement[]
}
export interface CamStatement {
  /**
   * allow or deny.
   */
  effect: 'allow' | 'deny'
  /**
   * Actions as name/<service>:<Action>, wildcards allowed; a string or a list.
   */
  action: CamAction | CamAction[]
  /**
   * Six-segment resources such as qcs::im::uin/<uin>:sdkappid/<SDKAppID>, or *; a string or a list.
   */
  resource: CamResource | CamResource[]
  condition?: CamCondition
}
