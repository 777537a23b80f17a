document.getElementById('root').textContent = 'portal';
