// Holds the three secrets the app needs. App settings only reference them, so the values never appear in the
// site configuration, in deployment history outputs or in the repository.
param name string
param location string
param tags object

@secure()
param llmApiKey string

@secure()
param bootstrapApiKey string

@secure()
param resultsSigningSecret string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access is granted by Azure RBAC (Key Vault Secrets User), never by access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // Purge protection stays off so `azd down --purge` can free the name for the next `azd up`.
    publicNetworkAccess: 'Enabled'
  }

  resource llmApiKeySecret 'secrets' = {
    name: 'llm-api-key'
    properties: {
      value: llmApiKey
      contentType: 'text/plain'
    }
  }

  resource bootstrapApiKeySecret 'secrets' = {
    name: 'bootstrap-api-key'
    properties: {
      value: bootstrapApiKey
      contentType: 'text/plain'
    }
  }

  resource resultsSigningSecretSecret 'secrets' = {
    name: 'results-signing-secret'
    properties: {
      value: resultsSigningSecret
      contentType: 'text/plain'
    }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless URIs: the app picks up a rotated secret without a redeployment.
output llmApiKeySecretUri string = vault::llmApiKeySecret.properties.secretUri
output bootstrapApiKeySecretUri string = vault::bootstrapApiKeySecret.properties.secretUri
output resultsSigningSecretUri string = vault::resultsSigningSecretSecret.properties.secretUri
