# First page
curl "https://script.so/api/v1/workflows?limit=10"

# Next page (URL-encode the cursor value)
curl "https://script.so/api/v1/workflows?limit=10&cursor=2024-01-15T10%3A30%3A00Z"
