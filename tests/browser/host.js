// The host side of the MCP App test: a page that, like Claude or VS Code, puts the server's
// ui:// resource in a sandboxed frame and talks to it through the ext-apps package's AppBridge.
// Bundled by run.mjs with esbuild; `window.callTool` (the real server, through the test's MCP
// client) is provided by the test.
import { AppBridge, PostMessageTransport } from "@modelcontextprotocol/ext-apps/app-bridge";

window.openedLinks = [];
window.sizes = [];

window.startHost = async ({ html, args, result, theme }) => {
  const iframe = document.createElement("iframe");
  iframe.setAttribute("sandbox", "allow-scripts");
  iframe.style.cssText = "width:600px;height:300px;border:0;display:block";
  document.body.append(iframe);
  const bridge = new AppBridge(
    null,
    { name: "openness-browser-test", version: "1.0.0" },
    { openLinks: {}, serverTools: {} },
    { hostContext: { theme, displayMode: "inline", platform: "web", containerDimensions: { maxWidth: 600 } } },
  );
  bridge.oncalltool = async (params) => window.callTool(params.name, params.arguments || {});
  bridge.onopenlink = async ({ url }) => {
    window.openedLinks.push(url);
    return {};
  };
  bridge.onsizechange = ({ height }) => {
    window.sizes.push(height);
    if (height) iframe.style.height = `${height}px`;
  };
  const initialized = new Promise((resolve) => {
    bridge.oninitialized = resolve;
  });
  // Connected before the frame loads, so that the view's ui/initialize is not missed.
  await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
  iframe.srcdoc = html;
  await initialized;
  await bridge.sendToolInput({ arguments: args });
  await bridge.sendToolResult(result);
  return true;
};
