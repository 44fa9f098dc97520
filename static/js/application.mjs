import { initAll } from "../govuk/govuk-frontend.min.js";
import { initCharts } from "./charts.mjs";
import { initReadability } from "./readability.mjs";

initAll();
initReadability();
initCharts();
