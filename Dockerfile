# One image for every process (docker-compose.yml picks the entry with `command`; the default is the embedded
# ledger). Node 24 runs the TypeScript sources directly (type stripping); only the web console is built.

# Build stage: every dependency, to build the console's static files.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build:console

# Runtime stage: the sources, production dependencies only, the built console; runs as `node`, data in /data.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 LEDGER_DATA_DIR=/data
COPY . .
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force \
  && mkdir -p /data && chown node:node /data
COPY --from=build /app/apps/console/dist apps/console/dist
USER node
VOLUME ["/data"]
EXPOSE 8080
# Ready only while the store, the bus and every consumer work (GET /readyz, 503 naming what does not).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/ledger/src/main.ts"]
