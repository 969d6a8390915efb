import { Layout } from './components/layout.tsx';
import { useLocation } from './lib/router.tsx';
import { RouteView } from './routes/index.tsx';

export function App() {
  const { path } = useLocation();
  return (
    <Layout>
      <RouteView path={path} />
    </Layout>
  );
}
