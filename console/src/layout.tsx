import { Button, Layout, Menu } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from './session';
import { ROLE_ZH } from './words';
import type { Role } from './types';

const NAV: Record<Role, { to: string; label: string }[]> = {
  school: [{ to: '/school', label: '推荐报送' }, { to: '/school/members', label: '本单位后备人才' }, { to: '/school/reviews', label: '年度考核' }, { to: '/school/notices', label: '通知' }],
  bureau: [
    { to: '/bureau', label: '工作台' }, { to: '/bureau/pool', label: '人才库' }, { to: '/bureau/talks', label: '谈话提醒' },
    { to: '/bureau/reviews', label: '年度考核' }, { to: '/bureau/rounds', label: '遴选批次' }, { to: '/bureau/rounds/new', label: '发起遴选' },
    { to: '/bureau/units', label: '单位名册' },
    { to: '/bureau/imports', label: '备案名单导入' },
    { to: '/bureau/notices', label: '通知' },
  ],
  approver: [{ to: '/approver', label: '待审批名单' }],
};

export function ConsoleLayout() {
  const { session, signOut, config } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const items = session ? NAV[session.role] : [];
  // The longest matching entry: /bureau/rounds/new is 发起遴选, not also 遴选批次.
  const selected = items.filter((i) => location.pathname === i.to || (i.to !== `/${session?.role}` && location.pathname.startsWith(`${i.to}/`)))
    .sort((a, b) => b.to.length - a.to.length).slice(0, 1).map((i) => i.to);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="tp-header">
        <h1><Link to="/" style={{ color: '#fff' }}>金坛区教育系统后备人才梯队</Link></h1>
        {items.length ? (
          <nav aria-label="主导航" style={{ flex: 1, minWidth: 0 }}>
            <Menu
              theme="dark"
              mode="horizontal"
              selectedKeys={selected.length ? selected : [items[0]?.to ?? '']}
              style={{ background: 'transparent' }}
              items={items.map((i) => ({ key: i.to, label: <Link to={i.to}>{i.label}</Link> }))}
            />
          </nav>
        ) : null}
        {session ? (
          <div className="tp-user">
            <span>{session.role === 'school' ? session.name : `${ROLE_ZH[session.role]}`}{config.environmentName ? `（${config.environmentName}）` : ''}</span>
            <Button size="small" onClick={() => { signOut(); navigate('/signin'); }}>退出登录</Button>
          </div>
        ) : null}
      </Layout.Header>
      {/* antd's Content is the page's <main> landmark. */}
      <Layout.Content className="tp-main">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
