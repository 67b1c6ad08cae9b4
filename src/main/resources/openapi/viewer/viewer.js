// Starts Swagger UI on Tessera's API description. Kept in its own file: the page's
// Content-Security-Policy allows no inline script.
window.addEventListener('DOMContentLoaded', function () {
  window.SwaggerUIBundle({
    url: '/v1/openapi.json',
    dom_id: '#api',
    deepLinking: true,
    // A reading view: no "Try it out", so the page never handles an admin token.
    supportedSubmitMethods: [],
    // Swagger UI would otherwise send the document to a public validator service.
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
    docExpansion: 'list',
    filter: true
  });
});
