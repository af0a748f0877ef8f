curl -X POST https://api.scoutos.com/v2/workflows/execute \
     -H "Authorization: Bearer <token>" \
     -H "Content-Type: application/json" \
     -d '{
  "workflow_config": {}
}'
