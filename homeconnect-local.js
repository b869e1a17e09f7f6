module.exports = require('./dist/nodes/index.js');
