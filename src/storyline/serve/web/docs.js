/* Swagger UI start-up, kept out of docs.html because the CSP forbids inline script. */
window.ui = window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
