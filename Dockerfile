# One image for the gateway and the four subgraphs (docker-compose.yml picks the folder and command).
# Node 24: current MikroORM, firebase-admin and @apollo/subgraph need 22+.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/service-kit/package.json packages/service-kit/
COPY packages/cdc-consumer/package.json packages/cdc-consumer/
COPY cdc/package.json cdc/
COPY streams/verification-timers/package.json streams/verification-timers/
COPY subgraphs/users/package.json subgraphs/users/
COPY subgraphs/neighborhoods/package.json subgraphs/neighborhoods/
COPY subgraphs/hospitals/package.json subgraphs/hospitals/
COPY subgraphs/alerts/package.json subgraphs/alerts/
COPY gateway/package.json gateway/
RUN npm ci --no-audit --no-fund --omit=optional
COPY . .
USER node
