# syntax=docker/dockerfile:1
# Two stages: compile TypeScript with the dev dependencies, then ship dist/ and the production
# dependencies only. Nothing is compiled at install (the embedded store uses Node's built-in
# node:sqlite), so no stage needs python, make or g++.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# stubs/: the empty package npm's overrides put in place of sqlite3 (see stubs/README.md)
COPY stubs ./stubs
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# a fresh production-only install: no dev dependency, no source, no tsconfig, no npm cache
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY manifest.yml README.md ./
# The embedded store lives here when REDIS_URL is not set: mount a volume to keep it.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# the app's files stay root's: the process can read them, not change them
USER node
EXPOSE 3000
# Liveness on /healthz (HTTP mode and Socket Mode both serve it on PORT).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node directly (not npm start): signals reach the process, and no build step runs at start.
CMD ["node", "dist/index.js"]
