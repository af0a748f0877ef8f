curl https://script.so/api/v1/workflows/{workflowId} \
  -H "x-api-key: YOUR_API_KEY"
