// node free-port.mjs: prints a TCP port that is free on 127.0.0.1 now.
import net from 'node:net';
const s = net.createServer();
s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });
