// The gateway's merged document (/openapi.yml) in Swagger UI; a separate file, as the gateway's
// Content-Security-Policy allows no inline script. No validator badge: it would call an outside host.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.yml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
