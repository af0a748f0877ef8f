curl https://script.so/api/v1/workflows \
  -H "x-api-key: YOUR_API_KEY"
