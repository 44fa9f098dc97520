import { initAll } from "../govuk/govuk-frontend.min.js";
import { initReadability } from "./readability.mjs";

initAll();
initReadability();
