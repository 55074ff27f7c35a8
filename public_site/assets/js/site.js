// Starts the NHS.UK frontend components. A module, so it runs once the page is parsed; in
// production collectstatic rewrites the import to the bundle's hashed name (public_site/storage.py).
// The version in the bundle's name is settings.NHSUK_FRONTEND_VERSION; a test checks they agree.
import { initAll } from "../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

initAll();
