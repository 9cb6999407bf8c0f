# One image for every process of the distributed mode (docker-compose.yml picks the entry with `command`).
# Node 24 runs the TypeScript sources directly (type stripping), as `npm start` does; only the web console is built
# (static files, served by the embedded host).
FROM node:24-bookworm-slim
WORKDIR /app
COPY . .
RUN npm install --no-audit --no-fund && npm run build:console && npm cache clean --force
ENV HOST=0.0.0.0 PORT=8080 NODE_ENV=production
USER node
EXPOSE 8080
CMD ["npm", "start"]
