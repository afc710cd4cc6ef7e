/* Swagger UI start-up, kept out of docs.html because the CSP forbids inline script. Swagger UI 5
   (vendor/swagger-ui-bundle.js, from swagger-ui-dist): FastAPI emits OpenAPI 3.1, which the 3.x of the
   swagger-ui-bundle wheel could not render ("Unable to render this definition"). */
window.ui = window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
