// Everything `azd up` needs for the WorkflowFunctions app: one resource group holding a Flex Consumption
// function app, its storage, monitoring and Key Vault. Nothing authenticates with keys: the app reaches
// storage, Application Insights and Key Vault as its user-assigned identity, and secrets live only in Key Vault.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds every resource name and tags every resource.')
param environmentName string

@minLength(1)
@description('Region for every resource; it must offer the Flex Consumption plan.')
param location string

@description('Object ID of the deploying user or service principal; it gets the same data roles as the app so it can inspect storage and secrets. Empty skips those assignments.')
param principalId string = ''

@secure()
@minLength(1)
@description('API key of the LLM provider, stored in Key Vault as the app setting Llm__ApiKey.')
param llmApiKey string

@description('OpenAI-compatible base URL of the LLM provider (Llm__Endpoint).')
param llmEndpoint string = 'https://api.openai.com/v1'

@description('Default model for LLM nodes (Llm__Model).')
param llmModel string = 'gpt-4o-mini'

@allowed([
  'openai'
  'azure'
])
@description('LLM provider flavour (Llm__Provider).')
param llmProvider string = 'openai'

@secure()
@minLength(32)
@description('API key accepted with admin scope for the bootstrap account, stored in Key Vault as Auth__BootstrapKey.')
param bootstrapApiKey string

@minLength(1)
@description('Account the bootstrap API key belongs to (Auth__BootstrapAccount).')
param bootstrapAccount string = 'default'

@secure()
@minLength(32)
@description('Key that signs the key-less, expiring download links of result files, stored in Key Vault as Results__SigningSecret.')
param resultsSigningSecret string

var abbrs = loadJsonContent('abbreviations.json')
// One token per subscription, environment and region keeps globally unique names stable across `azd up` runs.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// Names are computed here, not read from module outputs, so what-if can predict every resource.
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var logAnalyticsName = '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var planName = '${abbrs.webServerFarms}${resourceToken}'
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module keyVault 'app/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    llmApiKey: llmApiKey
    bootstrapApiKey: bootstrapApiKey
    resultsSigningSecret: resultsSigningSecret
  }
}

module appRoles 'app/data-roles.bicep' = {
  name: 'app-data-roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
  }
  dependsOn: [
    storage
    monitoring
    keyVault
  ]
}

module userRoles 'app/data-roles.bicep' = if (!empty(principalId)) {
  name: 'user-data-roles'
  scope: rg
  params: {
    principalId: principalId
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
  }
  dependsOn: [
    storage
    monitoring
    keyVault
  ]
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: planName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsName: applicationInsightsName
    llmApiKeySecretUri: keyVault.outputs.llmApiKeySecretUri
    bootstrapApiKeySecretUri: keyVault.outputs.bootstrapApiKeySecretUri
    resultsSigningSecretUri: keyVault.outputs.resultsSigningSecretUri
    llmEndpoint: llmEndpoint
    llmModel: llmModel
    llmProvider: llmProvider
    bootstrapAccount: bootstrapAccount
  }
  // The app reads storage, telemetry and Key Vault as its identity from its first start.
  dependsOn: [
    monitoring
    appRoles
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storageAccountName
output AZURE_KEY_VAULT_NAME string = keyVaultName
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
