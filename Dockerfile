# One image for every role; the command picks scheduler, worker or migrate.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/agents/package.json packages/agents/
COPY packages/simnet/package.json packages/simnet/
COPY apps/scheduler/package.json apps/scheduler/
COPY apps/worker/package.json apps/worker/
COPY scripts scripts
COPY prisma prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund && node scripts/prisma-generate.mjs
COPY . .
USER node
ENTRYPOINT ["npx", "prospector"]
CMD ["--help"]
