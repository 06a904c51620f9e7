import '@fontsource/noto-sans-sc/400.css';
import './global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { loadConfig } from './config';
import { SessionProvider } from './session';
import { ConsoleRouter } from './router';

dayjs.locale('zh-cn');

/**
 * Colours darker than antd's defaults where the defaults miss WCAG AA contrast for text
 * (the primary blue #1677ff on white is 4.1:1; secondary text 45 % black is 3.4:1).
 */
const theme = {
  token: {
    colorPrimary: '#0958d9',
    // Hovered and pressed primary buttons get darker, not lighter: white on antd's derived
    // hover blue is below 4.5:1.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorSuccess: '#237804',
    colorError: '#cf1322',
    colorWarning: '#ad4e00',
    fontFamily: "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Hiragino Sans GB', sans-serif",
    // Users who ask the system for less motion get none: toasts and drawers appear and go
    // without fading (a half-faded toast is also text below contrast while it fades).
    motion: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  },
};

const root = createRoot(document.getElementById('root') as HTMLElement);

loadConfig().then(
  (config) => root.render(
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={theme}>
        <AntApp>
          <SessionProvider config={config}>
            <ConsoleRouter />
          </SessionProvider>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  ),
  (e: unknown) => root.render(
    <main style={{ padding: 48 }}>
      <h1>控制台无法启动</h1>
      <p>{e instanceof Error ? e.message : String(e)}</p>
    </main>,
  ),
);
