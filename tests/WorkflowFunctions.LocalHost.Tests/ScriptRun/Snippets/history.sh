curl -X GET "https://scriptrun.ai/api/v1/workflows/6/history/?page_size=10&ordering=-created_at" \
-H "X-Api-Key: <Your API Key>"
