# The dashboard's files (served at /assets/<name>; index.html also at /), for the server's
# corridor_embed_assets call. Paths are relative to src/server/web. The report's shared
# drawing code is served too, at /assets/report/<name>, from src/report/assets.
# tests/browser/serve/unit_test.mjs fails when this list and the folder disagree.
set(corridor_web_assets
  index.html app.css
  app.js api.js components.js dom.js i18n.js page.js router.js scenario-map.js session.js
  pages/compare.js pages/job.js pages/jobs.js pages/login.js pages/monitor.js pages/monitors.js
  pages/run.js pages/scenario.js pages/scenarios.js pages/users.js
  i18n/en.json i18n/ru.json i18n/kk.json i18n/zh.json)
set(corridor_web_report_assets map.js chart.js outline.json)
