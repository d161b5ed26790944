// Azure resources for Dialogi: one Linux App Service serving bot + API + tab,
// an Azure Bot registration that signs in as a user-assigned managed identity,
// and a Storage account holding all state in Tables. No keys or passwords are
// created or stored anywhere: the app reaches Bot Framework and Tables with the
// managed identity (DefaultAzureCredential picks it up through AZURE_CLIENT_ID).
// Check with `az bicep build --file infra/azure.bicep` (no Bicep compiler in CI).

@minLength(4)
@maxLength(20)
@description('Base name for every resource, e.g. dialogi-dev01. Lower-case letters, digits and hyphens; globally unique (it becomes <name>.azurewebsites.net).')
param resourceBaseName string

@description('Azure region for the regional resources (the bot registration is always global).')
param location string = resourceGroup().location

// Standard (S*) or Premium v3 (P*v3) only: Basic cannot autoscale (manual, at most 3
// instances) and has no deployment slots, so it could neither follow a dialogue day's load nor
// deploy without restarting every instance at once. P0v3 is the default: the smallest plan with
// both (autoscale, slots), on newer hardware than S1 for about the same price.
@allowed([
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
@description('App Service plan SKU (Standard or Premium v3: autoscale and a staging slot).')
param webAppSku string = 'P0v3'

@minValue(1)
@maxValue(30)
@description('Instances the plan always runs (the autoscale minimum). 2 or more: a restart, a platform update or a crashed instance leaves one serving. 1 only for a test environment.')
param instanceCount int = 2

@description('Scale out on CPU load (Microsoft.Insights/autoscalesettings on the plan).')
param enableAutoscale bool = true

@minValue(1)
@maxValue(30)
@description('Most instances autoscale may add up to (never fewer than instanceCount).')
param autoscaleMaxInstances int = 6

@minValue(20)
@maxValue(95)
@description('Average CPU % over 5 minutes above which one instance is added; below this minus 30 one is removed.')
param autoscaleCpuPercent int = 70

@maxLength(42)
@description('Display name of the Azure Bot registration.')
param botDisplayName string

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot SKU; F0 is enough for Teams (Teams is a standard channel).')
param botServiceSku string = 'F0'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
@description('Storage redundancy. ZRS keeps Tables available through a zone outage.')
param storageSku string = 'Standard_LRS'

@description('Client id of the Microsoft Entra app used for tab SSO (aadApp/create).')
param aadAppClientId string

@description('Tenant id of the SSO app.')
param aadAppTenantId string

@description('OAuth authority of the SSO app, e.g. https://login.microsoftonline.com/<tenant>.')
param aadAppOauthAuthority string

@description('Object id of the person or pipeline that provisions (Key Vault Secrets Officer on the vault, to create the link-signing secret once). Empty: grant it yourself.')
param keyVaultSecretsOfficerObjectId string = ''

@description('Create Application Insights (with a Log Analytics workspace) and send telemetry to it.')
param enableApplicationInsights bool = false

@description('Teams meetings and Outlook invitations through Microsoft Graph (grant the permissions first)')
param enableGraph bool = false

@description('Object id of the SSO app\'s service principal: lets the bot recognise the Dialogi.Coordinator app role through Graph (needs enableGraph and Application.Read.All + GroupMember.Read.All). Empty: coordinators in the bot come from COORDINATORS only.')
param coordinatorRoleResourceId string = ''

// Tables the app uses; one table resource each so they exist before the first request.
var tableNames = [
  'Dialogues'
  'Registrations'
  'Groups'
  'Notes'
  'Organisations'
  'Entries'
  'Memberships'
  'Audit'
  'Jobs'
  'Series'
  'ConversationRefs'
  'PublicRegistrants'
  'UserPreferences'
  'Outbox'
]

// The outbox's work queue (bot/src/platform/outbox/work-queue.ts: 'dialogi-outbox' with no table prefix).
var outboxQueueName = 'dialogi-outbox'

// Storage names allow only 3-24 lower-case letters and digits, and are global.
var storageAccountName = take(toLower(replace('${resourceBaseName}${uniqueString(resourceGroup().id)}', '-', '')), 24)

var tablesEndpoint = 'https://${storageAccountName}.table.${environment().suffixes.storage}'

// Built-in role "Storage Queue Data Contributor" (the outbox's work queue).
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

// Built-in role "Storage Table Data Contributor".
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// Built-in roles "Key Vault Secrets User" (read) and "Key Vault Secrets Officer" (manage).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

// Vault names are 3-24 characters and global.
var keyVaultName = take('${replace(resourceBaseName, '-', '')}kv${uniqueString(resourceGroup().id)}', 24)

// The secret that signs download and calendar links (LINK_SIGNING_SECRET). Its value is created
// once by teamsapp.yml (provision) and never by this template, so redeploying keeps old links valid.
var linkSecretName = 'link-signing-secret'
// The secret before the last rotation (LINK_SIGNING_SECRET_PREVIOUS): links signed with it still
// verify. Created once (random) by provision; a rotation copies the current value here first.
var linkPreviousSecretName = 'link-signing-secret-previous'

// One site configuration for production and the staging slot (a swap moves the code, not this).
var siteConfig = {
  linuxFxVersion: 'NODE|24-lts'
  // The deployed zip holds the built workspaces; one process serves bot, API and tab.
  appCommandLine: 'node bot/dist/main.js'
  // Readiness: 503 until the instance holds the directory in memory, then the store's health.
  // App Service routes to a new or restarted instance only once this answers 200, and takes
  // an instance that keeps failing out of rotation (docs/deploy.md, Health check).
  healthCheckPath: '/api/ready'
  // Keeps the bot loaded between messages (every allowed SKU supports it).
  alwaysOn: true
  ftpsState: 'Disabled'
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  http20Enabled: true
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Entra ID only: no account keys or SAS tokens can be used against this account.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource outboxQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: outboxQueueName
}

// The app's identity may send, take and delete queue messages in this account only.
resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageQueueDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The app's identity may read and write table entities in this account only.
resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Holds the link-signing secret; RBAC only, soft delete and purge protection against accidents.
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// The app's identity may read secrets of this vault only (App Service resolves the reference).
resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyVaultSecretsOfficerObjectId)) {
  name: guid(keyVault.id, keyVaultSecretsOfficerObjectId, keyVaultSecretsOfficerRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: keyVaultSecretsOfficerObjectId
  }
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (enableApplicationInsights) {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: '${resourceBaseName}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // required for Linux plans
  }
}

// Adds an instance when the average CPU stays above autoscaleCpuPercent for 5 minutes, removes
// one when it stays 30 points below for 10; never under instanceCount. Autoscale reacts in
// minutes: for a known dialogue day raise instanceCount beforehand (docs/deploy.md, Scale-out).
resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = if (enableAutoscale) {
  name: '${resourceBaseName}-autoscale'
  location: location
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(instanceCount)
          maximum: string(max(instanceCount, autoscaleMaxInstances))
          default: string(instanceCount)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT5M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: autoscaleCpuPercent
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT5M'
            }
          }
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: autoscaleCpuPercent - 30
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT10M'
            }
          }
        ]
      }
    ]
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in app settings are resolved with this identity.
    keyVaultReferenceIdentity: identity.id
    // No ARR affinity cookie: all state is in Tables, so any instance serves any request, and
    // new instances (scale-out, a swap) get traffic at once instead of only new clients.
    clientAffinityEnabled: false
    siteConfig: siteConfig
  }
}

// Zero-downtime deploys (teamsapp.yml deploy): the new build goes to this slot, warms up until
// /api/ready answers 200, then swaps with production. Stopped between deploys, so the previous
// version swapped into it does not keep running jobs.
resource stagingSlot 'Microsoft.Web/sites/slots@2023-12-01' = {
  parent: webApp
  name: 'staging'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    clientAffinityEnabled: false
    siteConfig: siteConfig
  }
}

// Every value is an identifier, never a secret: the bot and Tables use the managed
// identity, and LINK_SIGNING_SECRET is a Key Vault reference App Service resolves at start.
// PORT is set by App Service itself.
var baseAppSettings = {
  NODE_ENV: 'production'
  HOST: '0.0.0.0'
  PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
  // TLS ends at App Service's front end: believe its X-Forwarded-Proto/-For (one hop).
  TRUST_PROXY: 'appservice'
  MicrosoftAppId: identity.properties.clientId
  MicrosoftAppType: 'UserAssignedMSI'
  MicrosoftAppTenantId: identity.properties.tenantId
  AZURE_CLIENT_ID: identity.properties.clientId
  TABLES_ENDPOINT: tablesEndpoint
  AAD_APP_CLIENT_ID: aadAppClientId
  AAD_APP_TENANT_ID: aadAppTenantId
  AAD_APP_OAUTH_AUTHORITY: aadAppOauthAuthority
  // Microsoft Graph (Teams meetings, invitations) with the same managed identity; off until an
  // administrator has granted its application permissions (docs/deploy.md, Microsoft Graph).
  GRAPH_CREDENTIAL: enableGraph ? 'managedIdentity' : 'off'
  GRAPH_CLIENT_ID: identity.properties.clientId
  LINK_SIGNING_SECRET: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${linkSecretName})'
  LINK_SIGNING_SECRET_PREVIOUS: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${linkPreviousSecretName})'
  // A swap sends traffic to the staging slot's instances only once they answer 200 here, and a
  // new or restarted instance is warmed on the same path (the directory snapshot in memory).
  WEBSITE_SWAP_WARMUP_PING_PATH: '/api/ready'
  WEBSITE_SWAP_WARMUP_PING_STATUSES: '200'
  WEBSITE_WARMUP_PATH: '/api/ready'
  // Run the uploaded zip as is; it is built before deployment (teamsapp.yml deploy).
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

// The bot reads the coordinator app role's assignments through Graph, so only with Graph on
// (the app refuses the setting without Graph at start-up).
var coordinatorRoleSettings = enableGraph && !empty(coordinatorRoleResourceId) ? {
  COORDINATOR_ROLE_RESOURCE_ID: coordinatorRoleResourceId
} : {}

// The connection string identifies the telemetry resource; it grants no data access.
var insightsAppSettings = enableApplicationInsights ? {
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
} : {}

// Settings live in their own resource so they can use the site's real host name
// (newer App Service host names are not always <name>.azurewebsites.net).
resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(baseAppSettings, insightsAppSettings, coordinatorRoleSettings)
}

// The slot gets the same settings (PUBLIC_URL included: after the swap it is production).
resource stagingSlotSettings 'Microsoft.Web/sites/slots/config@2023-12-01' = {
  parent: stagingSlot
  name: 'appsettings'
  properties: union(baseAppSettings, insightsAppSettings, coordinatorRoleSettings)
}

// Register the web app as a bot that authenticates as the managed identity.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Outputs become env/.env.<env> variables through arm/deploy (teamsapp.yml).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_AZURE_APP_SERVICE_NAME string = webApp.name
output STAGING_SLOT_NAME string = stagingSlot.name
output STAGING_ENDPOINT string = 'https://${stagingSlot.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TABLES_ENDPOINT string = tablesEndpoint
output KEY_VAULT_NAME string = keyVault.name
