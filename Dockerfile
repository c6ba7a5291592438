# The API and the worker share one image; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production SKIP_TOOLS=1 SKIP_WEB=1 PRISMA_HIDE_UPDATE_MESSAGE=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
COPY scripts/install-tools.sh scripts/build-web.sh ./scripts/
RUN npm ci --include=dev
COPY . .
# The staff page, served by the API under /app/ (npm ci skipped it: the sources were not copied yet).
RUN npm run web:build
# The workflow bundle, built once here rather than by every worker at start (worker/bundle.ts).
RUN npm run build:workflows
USER node
CMD ["npm", "run", "worker"]
